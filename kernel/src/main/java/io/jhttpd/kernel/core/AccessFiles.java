package io.jhttpd.kernel.core;

import io.jhttpd.kernel.config.ConfigError;
import io.jhttpd.kernel.config.ConfigNode;
import io.jhttpd.kernel.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-directory configuration files ({@code AccessFileName}, {@code .htaccess}): read when the
 * storage walk reaches a directory whose {@code AllowOverride} lets something in, applied with the
 * directives that setting allows, and cached until the file's modification time or size changes
 * (Apache re-reads them on every request; the cache gives the same answers).
 */
public final class AccessFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AccessFiles.class);

    /** The outcome of reading one file: its section, or the error that makes requests under it fail. */
    private record Parsed(FileTime modified, long size, Section section, ConfigError error) {
    }

    private record Key(Path file, VirtualServer server, CoreDirConfig allowed) {
    }

    private final ConfigReader reader;
    private final ConfigApplier applier;
    private final Map<Key, Parsed> cache = new ConcurrentHashMap<>();

    public AccessFiles(ConfigReader reader, ConfigApplier applier) {
        this.reader = reader;
        this.applier = applier;
    }

    /**
     * The section made of {@code dir}'s access file for {@code server} under the override rules of
     * {@code allowed}, or null if there is no such file. A file that cannot be read or applied
     * throws {@link ConfigError} naming file, line and reason; the request answers 500.
     */
    public Section section(VirtualServer server, Path dir, CoreDirConfig allowed) throws ConfigError {
        Path file = dir.resolve(server.core().accessFileName());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // Apache: an access file it may not read is an error (AH00529), not a missing file
            if (Files.exists(dir.resolve(server.core().accessFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigError(file, 0, "unable to check htaccess file, ensure it is readable: " + e.getMessage());
            }
            return null;
        }
        if (!attrs.isRegularFile()) {
            return null;
        }
        Key key = new Key(file, server, allowed);
        Parsed p = cache.get(key);
        if (p == null || !p.modified().equals(attrs.lastModifiedTime()) || p.size() != attrs.size()) {
            p = parse(key, attrs);
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, p);
        }
        if (p.error() != null) {
            throw p.error();
        }
        return p.section();
    }

    private Parsed parse(Key key, BasicFileAttributes attrs) {
        synchronized (this) {
            try {
                List<ConfigNode> nodes = reader.readHtaccess(key.file());
                List<String> warnings = new ArrayList<>();
                String dir = key.file().getParent().toString();
                Section s = applier.applyAccessFile(nodes, key.server(), dir, key.file(), key.allowed(), warnings);
                for (String w : warnings) {
                    LOG.warn("JH00033: {}", w);
                }
                return new Parsed(attrs.lastModifiedTime(), attrs.size(), s, null);
            } catch (ConfigError e) {
                return new Parsed(attrs.lastModifiedTime(), attrs.size(), null, e);
            }
        }
    }
}
