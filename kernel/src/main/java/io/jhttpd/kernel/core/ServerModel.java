package io.jhttpd.kernel.core;

import io.jhttpd.api.spi.Mpm;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ServerContext;
import io.jhttpd.kernel.module.ConfigSlots;
import io.jhttpd.kernel.module.DirectiveTable;
import io.jhttpd.kernel.module.FilterRegistry;
import io.jhttpd.kernel.module.HookRegistry;
import io.jhttpd.kernel.module.LoadedModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The server as configured: modules, hooks, filters, servers, global settings, and the chosen MPM. */
public final class ServerModel {

    final List<LoadedModule> modules = new ArrayList<>();
    final ConfigSlots slots = new ConfigSlots();
    final HookRegistry hooks = new HookRegistry();
    final FilterRegistry filters = new FilterRegistry();
    final DirectiveTable directives = new DirectiveTable();
    final List<ModuleSetup.StartAction> startActions = new ArrayList<>();
    final List<Runnable> stopActions = new ArrayList<>();
    final GlobalConfig global = new GlobalConfig();
    final FileAttributeCache fileAttributes = new FileAttributeCache();
    Mpm mpm;
    Path serverRoot;
    Path configFile;
    VirtualServer main;
    List<VirtualServer> virtualHosts = List.of();
    String software;
    AccessFiles accessFiles;

    public List<LoadedModule> modules() {
        return modules;
    }

    public ConfigSlots slots() {
        return slots;
    }

    public HookRegistry hooks() {
        return hooks;
    }

    public FilterRegistry filters() {
        return filters;
    }

    public DirectiveTable directives() {
        return directives;
    }

    public GlobalConfig global() {
        return global;
    }

    /** File attributes the storage walk may reuse, as a module asked at start (off by default). */
    public FileAttributeCache fileAttributes() {
        return fileAttributes;
    }

    public Mpm mpm() {
        return mpm;
    }

    public Path serverRoot() {
        return serverRoot;
    }

    public Path configFile() {
        return configFile;
    }

    public VirtualServer main() {
        return main;
    }

    public List<VirtualServer> virtualHosts() {
        return virtualHosts;
    }

    /** The {@code .htaccess} reader and cache. */
    public AccessFiles accessFiles() {
        return accessFiles;
    }

    /** The {@code Server} header value. */
    public String software() {
        return software;
    }

    private volatile io.jhttpd.api.spi.Scoreboard scoreboard;

    /** The whole server's scoreboard modules see through {@link ServerContext#scoreboard()}; set before {@link #start}. */
    public void useScoreboard(io.jhttpd.api.spi.Scoreboard scoreboard) {
        this.scoreboard = scoreboard;
    }

    /** Runs the modules' start actions (Apache's post_config). */
    public void start(boolean configTest) throws io.jhttpd.api.ConfigException {
        List<io.jhttpd.api.Server> servers = new ArrayList<>();
        servers.add(main);
        servers.addAll(virtualHosts);
        List<io.jhttpd.api.Server> view = List.copyOf(servers);
        ServerContext ctx = new ServerContext() {
            @Override
            public List<io.jhttpd.api.Server> servers() {
                return view;
            }

            @Override
            public Path serverRoot() {
                return serverRoot;
            }

            @Override
            public boolean isConfigTest() {
                return configTest;
            }

            @Override
            public void cacheFileAttributes(long validNanos, int maxEntries) {
                fileAttributes.configure(validNanos, maxEntries);
            }

            @Override
            public String mpmName() {
                return mpm.name();
            }

            @Override
            public java.util.Optional<io.jhttpd.api.spi.Scoreboard> scoreboard() {
                return java.util.Optional.ofNullable(scoreboard);
            }
        };
        for (ModuleSetup.StartAction a : startActions) {
            a.start(ctx);
        }
    }

    /** Runs the modules' stop actions, last registered first. */
    public void stop() {
        for (int i = stopActions.size() - 1; i >= 0; i--) {
            try {
                stopActions.get(i).run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ServerModel.class).warn("JH00018: a module's stop action failed", e);
            }
        }
    }
}
