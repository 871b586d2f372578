package io.jhttpd.kernel.core;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Server;
import io.jhttpd.kernel.module.ConfigSlots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The main server or one {@code <VirtualHost>}: its settings, module configs and sections. */
public final class VirtualServer implements Server {

    private final boolean virtual;
    private final List<HostAddress> addresses;
    private final ConfigSlots slots;
    private final ConfigVector serverConfigs;
    private final ConfigVector dirDefaults;
    private final List<Section> directories = new ArrayList<>();
    private final List<Section> directoryMatches = new ArrayList<>();
    private final List<Section> files = new ArrayList<>();
    private final List<Section> locations = new ArrayList<>();
    private final List<Section> conditions = new ArrayList<>();
    private final Map<List<Section>, ConfigVector> mergeCache = new ConcurrentHashMap<>();
    private final Map<Path, DirectorySections> directoryCache = new ConcurrentHashMap<>();
    private Path serverRoot;
    private String software;
    private CoreServerConfig core;
    private ConfigVector mergedServerConfigs;
    private ConfigVector mergedDirDefaults;
    private boolean readsAccessFiles;

    public VirtualServer(boolean virtual, List<HostAddress> addresses, ConfigSlots slots) {
        this.virtual = virtual;
        this.addresses = List.copyOf(addresses);
        this.slots = slots;
        this.serverConfigs = new ConfigVector(slots.size());
        this.dirDefaults = new ConfigVector(slots.size());
    }

    /** This server's own per-server configs, as directives fill them. */
    public ConfigVector ownServerConfigs() {
        return serverConfigs;
    }

    /** This server's own server-level per-directory configs. */
    public ConfigVector ownDirDefaults() {
        return dirDefaults;
    }

    public void addSection(Section s) {
        switch (s.kind()) {
            case DIRECTORY:
                directories.add(s);
                break;
            case DIRECTORY_MATCH:
                directoryMatches.add(s);
                break;
            case FILES:
            case FILES_MATCH:
                files.add(s);
                break;
            case IF:
            case ELSE_IF:
            case ELSE:
                conditions.add(s);
                break;
            default:
                locations.add(s);
        }
    }

    /**
     * Completes the configuration: the main server ({@code main == null}) fills defaults; a virtual
     * host inherits what it did not set from the main server; directory sections are ordered as
     * Apache walks them (fewest components first, then file order), after the main server's.
     */
    public void finish(VirtualServer main, Path serverRoot, String software) {
        this.serverRoot = serverRoot;
        this.software = software;
        if (main == null) {
            serverConfigs.fillDefaults(slots, false);
            dirDefaults.fillDefaults(slots, true);
            mergedServerConfigs = serverConfigs;
            mergedDirDefaults = dirDefaults;
        } else {
            mergedServerConfigs = ConfigVector.merge(slots, main.mergedServerConfigs, serverConfigs);
            mergedDirDefaults = ConfigVector.merge(slots, main.mergedDirDefaults, dirDefaults);
            directories.addAll(0, main.directories);
            directoryMatches.addAll(0, main.directoryMatches);
            files.addAll(0, main.files);
            locations.addAll(0, main.locations);
            conditions.addAll(0, main.conditions);
        }
        // stable sort keeps file order among sections of equal depth
        directories.sort((a, b) -> Integer.compare(a.components().length, b.components().length));
        core = mergedServerConfigs.get(slots.slot(CoreModule.SERVER));
        int dir = slots.slot(CoreModule.DIR);
        readsAccessFiles = ((CoreDirConfig) mergedDirDefaults.get(dir)).readsAccessFiles();
        for (Section s : directories) {
            CoreDirConfig c = s.config().get(dir);
            readsAccessFiles |= c != null && c.readsAccessFiles();
        }
    }

    /** False if no {@code AllowOverride} of this server lets anything in: the storage walk then looks for no access files. */
    public boolean readsAccessFiles() {
        return readsAccessFiles;
    }

    @Override
    public long timeoutMillis() {
        return core.timeoutMillis();
    }

    public CoreServerConfig core() {
        return core;
    }

    public List<HostAddress> addresses() {
        return addresses;
    }

    public List<Section> directories() {
        return directories;
    }

    public List<Section> directoryMatches() {
        return directoryMatches;
    }

    public List<Section> files() {
        return files;
    }

    public List<Section> locations() {
        return locations;
    }

    /** The {@code <If>}, {@code <ElseIf>} and {@code <Else>} sections outside any other section: the main server's, then this host's. */
    public List<Section> conditions() {
        return conditions;
    }

    /** The per-directory vector at server level. */
    public ConfigVector dirDefaults() {
        return mergedDirDefaults;
    }

    /** The directory walk's result for {@code dir} kept by {@link #cacheDirectorySections}, or null. */
    public DirectorySections directorySections(Path dir) {
        return directoryCache.get(dir);
    }

    /** Keeps the directory walk's result for {@code dir} (at most 10,000 directories). */
    public void cacheDirectorySections(Path dir, DirectorySections found) {
        if (directoryCache.size() < 10_000) {
            directoryCache.put(dir, found);
        }
    }

    /** The server-level per-directory config merged with {@code matched} sections in order, cached. */
    public ConfigVector mergedFor(List<Section> matched) {
        if (matched.isEmpty()) {
            return mergedDirDefaults;
        }
        ConfigVector v = mergeCache.get(matched);
        if (v == null) {
            v = mergedDirDefaults;
            for (Section s : matched) {
                v = ConfigVector.merge(slots, v, s.config());
            }
            if (mergeCache.size() < 10_000) {
                mergeCache.put(List.copyOf(matched), v);
            }
        }
        return v;
    }

    public ConfigSlots slots() {
        return slots;
    }

    @Override
    public String serverName() {
        return core.serverName != null ? core.serverName : MachineName.get();
    }

    @Override
    public List<String> serverAliases() {
        return core.serverAliases;
    }

    @Override
    public int port() {
        return core.serverNamePort != null ? core.serverNamePort : 0;
    }

    @Override
    public String serverAdmin() {
        return core.serverAdmin != null ? core.serverAdmin : "[no address given]";
    }

    @Override
    public Path documentRoot() {
        return core.documentRoot != null ? core.documentRoot : serverRoot.resolve("htdocs");
    }

    @Override
    public Path serverRoot() {
        return serverRoot;
    }

    @Override
    public boolean isVirtual() {
        return virtual;
    }

    @Override
    public <T> T config(ConfigKey<T> key) {
        int slot = slots.slot(key);
        if (slot < 0) {
            throw new IllegalArgumentException("JH00013: configuration key " + key.name() + " was never registered");
        }
        return key.isPerDirectory() ? mergedDirDefaults.get(slot) : mergedServerConfigs.get(slot);
    }

    @Override
    public String softwareName() {
        return software;
    }

    @Override
    public String toString() {
        return (virtual ? "VirtualHost " + addresses : "main server") + " " + serverName();
    }
}
