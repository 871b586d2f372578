package io.jhttpd.kernel.engine;

import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.kernel.core.ConfigVector;
import io.jhttpd.kernel.core.CoreDirConfig;
import io.jhttpd.kernel.core.CoreModule;
import io.jhttpd.kernel.core.DirectorySections;
import io.jhttpd.kernel.core.Section;
import io.jhttpd.kernel.core.VirtualServer;
import io.jhttpd.kernel.config.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's storage walk ({@code directory_walk}, {@code file_walk}, {@code location_walk}): finds
 * the file a request maps to and the path info after it, refuses symbolic links where
 * {@code Options} forbid them (checked on every path component), and merges the per-directory
 * configuration in Apache's order: {@code <Directory>} by depth, {@code <DirectoryMatch>},
 * {@code <Files>}/{@code <FilesMatch>}, then {@code <Location>}/{@code <LocationMatch>}.
 */
final class StorageWalk {

    private static final Logger LOG = LoggerFactory.getLogger(StorageWalk.class);

    private StorageWalk() {
    }

    /** The {@code <Location>} sections matching the request's URI, in configuration order. */
    static List<Section> locations(RequestImpl r) {
        List<Section> out = null;
        String uri = r.uri;
        for (Section s : r.server.locations()) {
            if (matchesLocation(s, uri)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(s);
            }
        }
        return out == null ? List.of() : out;
    }

    static boolean matchesLocation(Section s, String uri) {
        if (s.kind() == Section.Kind.LOCATION_MATCH) {
            return s.regex().matcher(uri).find();
        }
        String p = s.path();
        if (Glob.hasWildcards(p)) {
            return Glob.matchesPath(p, uri);
        }
        if (!uri.startsWith(p)) {
            return false;
        }
        // <Location /a> covers /a and /a/... but not /ab
        return p.endsWith("/") || uri.length() == p.length() || uri.charAt(p.length()) == '/';
    }

    static HookResult walk(RequestImpl r) throws IOException {
        Path file = r.filename;
        if (file == null) {
            return HookResult.DECLINED;
        }
        VirtualServer server = r.server;
        boolean trailingSlash = r.uri != null && r.uri.length() > 1 && r.uri.endsWith("/");

        // 1. what exists: the longest existing prefix; the rest is path info (only after a regular file)
        io.jhttpd.kernel.core.FileAttributeCache stats = r.processor.fileAttributes();
        BasicFileAttributes attrs = stats.stat(file);
        Path found = file;
        String pathInfo = "";
        if (attrs == null) {
            Path p = file.getParent();
            while (p != null) {
                BasicFileAttributes a = stats.stat(p);
                if (a != null) {
                    if (a.isRegularFile()) {
                        found = p;
                        attrs = a;
                        pathInfo = "/" + p.relativize(file).toString() + (trailingSlash ? "/" : "");
                    }
                    break;
                }
                p = p.getParent();
            }
        } else if (attrs.isRegularFile() && trailingSlash) {
            pathInfo = "/";
        }

        // 2. <Directory> sections for each directory level, checking symlinks where Options say so;
        // what comes from the configuration alone is kept per directory, as the walk costs more
        // than the rest of a small static request's handling
        Path dir = attrs != null && attrs.isDirectory() ? found : found.getParent();
        List<Section> matched;
        List<Section> filesSections;
        DirectorySections known = dir == null ? null : server.directorySections(dir);
        if (known != null) {
            matched = known.sections();
            filesSections = known.files();
        } else {
            boolean fromConfigAlone = !server.readsAccessFiles();
            String[] comps = components(dir);
            matched = new ArrayList<>(4);
            filesSections = new ArrayList<>(server.files());
            int di = 0;
            List<Section> dirs = server.directories();
            // the directory at the level being walked, resolved only when an access file or a symlink
            // check needs it (most configurations need neither: FollowSymLinks, AllowOverride None)
            Path current = found.getRoot();
            int currentLevel = 0;
            int mergedCount = -1;
            ConfigVector levelConfig = null;
            for (int level = 0; level <= comps.length; level++) {
                while (di < dirs.size() && dirs.get(di).components().length <= level) {
                    Section s = dirs.get(di++);
                    if (s.components().length == level && Glob.matchesComponents(s.components(), comps, level)) {
                        matched.add(s);
                        filesSections.addAll(s.nestedFiles());
                    }
                }
                // this level's access file merges right after its <Directory> sections, as in Apache
                if (server.readsAccessFiles() && mergedCount != matched.size()) {
                    levelConfig = server.mergedFor(matched);
                    mergedCount = matched.size();
                }
                CoreDirConfig levelCore = server.readsAccessFiles() ? levelConfig.get(server.slots().slot(CoreModule.DIR)) : null;
                if (levelCore != null && levelCore.readsAccessFiles()) {
                    while (currentLevel < level) {
                        current = current.resolve(comps[currentLevel++]);
                    }
                    Section access;
                    try {
                        access = r.processor.accessFiles().section(server, current, levelCore);
                    } catch (ConfigError e) {
                        LOG.error("JH00032: {}", e.getMessage());
                        return HookResult.status(500);
                    }
                    if (access != null) {
                        matched.add(access);
                        filesSections.addAll(access.nestedFiles());
                    }
                }
                // the next component is checked with the options in force for its parent
                boolean hasNext = level < comps.length || (level == comps.length && attrs != null && !attrs.isDirectory());
                if (hasNext) {
                    if (mergedCount != matched.size()) {
                        levelConfig = server.mergedFor(matched);
                        mergedCount = matched.size();
                    }
                    if (!followsSymlinks(r, levelConfig)) {
                        fromConfigAlone = false;
                        Path next;
                        if (level < comps.length) {
                            while (currentLevel <= level) {
                                current = current.resolve(comps[currentLevel++]);
                            }
                            next = current;
                        } else {
                            next = found;
                        }
                        HookResult link = checkSymlink(r, levelConfig, next);
                        if (link != null) {
                            return link;
                        }
                    }
                }
            }
            // a file in this directory is checked with the directory's own options: a directory
            // whose files need a symlink check is walked anew for each of them
            fromConfigAlone = fromConfigAlone && followsSymlinks(r, server.mergedFor(matched));
            String dirPath = dir == null ? "/" : dir.toString();
            for (Section s : server.directoryMatches()) {
                if (s.regex().matcher(dirPath + "/").find() || s.regex().matcher(dirPath).find()) {
                    matched.add(s);
                }
            }
            if (fromConfigAlone && dir != null) {
                server.cacheDirectorySections(dir, new DirectorySections(matched, filesSections));
            }
        }
        // 3. <Files> by the file's base name, 4. <Location> last, so it wins
        List<Section> files = filesMatching(filesSections, found);
        List<Section> locations = locations(r);
        ConfigVector merged;
        if (known != null && files.isEmpty() && locations.isEmpty()) {
            merged = known.merged(server);
        } else {
            if (known != null) {
                // the kept list is shared: this request's sections go on a copy
                matched = new ArrayList<>(matched);
            }
            matched.addAll(files);
            matched.addAll(locations);
            merged = server.mergedFor(matched);
        }
        r.setDirConfig(merged, matched);
        r.filename = found;
        r.fileAttributes = attrs;
        r.pathInfo = pathInfo;
        return HookResult.OK;
    }

    /**
     * Apache's {@code ap_if_walk}: after the storage walk, the {@code <If>}, {@code <ElseIf>} and
     * {@code <Else>} sections of the server and of each section the request matched, in that merge
     * order, are evaluated for the request, and those that hold are merged last. A condition that
     * holds has its own nested conditions evaluated right after it. Costs nothing where none is
     * configured.
     */
    static void conditions(RequestImpl r) {
        VirtualServer server = r.server;
        List<Section> base = r.dirSections;
        boolean any = !server.conditions().isEmpty();
        for (int i = 0; i < base.size() && !any; i++) {
            any = !base.get(i).nestedConditions().isEmpty();
        }
        if (!any) {
            return;
        }
        List<Section> all = new ArrayList<>(base.size() + 2);
        all.addAll(base);
        takeHolding(r, server.conditions(), all);
        for (Section s : base) {
            takeHolding(r, s.nestedConditions(), all);
        }
        if (all.size() > base.size()) {
            r.setDirConfig(server.mergedFor(all), all);
        }
    }

    /** Adds to {@code into} the conditions of {@code chain} that hold: of each {@code <If>}..{@code <Else>} chain, the first whose condition holds. */
    private static void takeHolding(RequestImpl r, List<Section> chain, List<Section> into) {
        boolean chainTaken = false;
        for (Section c : chain) {
            boolean take;
            if (c.kind() == Section.Kind.IF) {
                take = c.condition().test(r);
                chainTaken = take;
            } else if (chainTaken) {
                take = false;
            } else {
                take = c.kind() == Section.Kind.ELSE || c.condition().test(r);
                chainTaken = take;
            }
            if (take) {
                into.add(c);
                takeHolding(r, c.nestedConditions(), into);
            }
        }
    }

    /** The {@code <Files>} and {@code <FilesMatch>} sections among {@code candidates} that match {@code file}'s base name. */
    private static List<Section> filesMatching(List<Section> candidates, Path file) {
        Path base = candidates.isEmpty() ? null : file.getFileName();
        if (base == null) {
            return List.of();
        }
        String name = base.toString();
        List<Section> hits = null;
        for (Section s : candidates) {
            boolean hit = s.kind() == Section.Kind.FILES_MATCH ? s.regex().matcher(name).find() : Glob.matches(s.path(), name);
            if (hit) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                hits.add(s);
            }
        }
        return hits == null ? List.of() : hits;
    }

    private static boolean followsSymlinks(RequestImpl r, ConfigVector config) {
        CoreDirConfig core = config.get(r.server.slots().slot(CoreModule.DIR));
        return core.options().contains(Option.FOLLOW_SYMLINKS);
    }

    /** A 403 if {@code p} is a symbolic link the options in {@code config} (without FollowSymLinks) do not allow. */
    private static HookResult checkSymlink(RequestImpl r, ConfigVector config, Path p) throws IOException {
        CoreDirConfig core = config.get(r.server.slots().slot(CoreModule.DIR));
        Set<Option> opts = core.options();
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!own.isSymbolicLink()) {
            return null;
        }
        if (opts.contains(Option.SYMLINKS_IF_OWNER_MATCH)) {
            try {
                PosixFileAttributes link = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes target = Files.readAttributes(p, PosixFileAttributes.class);
                if (link.owner().equals(target.owner())) {
                    return null;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // an unreadable target or owner counts as a mismatch
            }
        }
        LOG.error("JH00031: Symbolic link not allowed or link target not accessible: {}", p);
        return HookResult.status(403);
    }

    private static String[] components(Path dir) {
        if (dir == null || dir.getNameCount() == 0) {
            return new String[0];
        }
        String[] c = new String[dir.getNameCount()];
        for (int i = 0; i < c.length; i++) {
            c[i] = dir.getName(i).toString();
        }
        return c;
    }
}
