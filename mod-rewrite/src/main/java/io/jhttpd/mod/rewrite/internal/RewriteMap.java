package io.jhttpd.mod.rewrite.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code RewriteMap name type:source}: looks keys up for {@code ${name:key|default}}.
 * Types {@code txt}, {@code rnd}, {@code int} and {@code prg}, as in Apache.
 */
interface RewriteMap {

    /** The value for {@code key}, or {@code null} if the map has none. */
    String lookup(String key);

    /** Releases what the map holds (a {@code prg} map's process). */
    default void close() {
    }

    /** Parses {@code type:source}, resolving files with {@code resolve}; {@link IllegalArgumentException} on errors. */
    static RewriteMap parse(String spec, java.util.function.Function<String, Path> resolve) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("RewriteMap: bad map type in '" + spec + "' (expected txt:, rnd:, int: or prg:)");
        }
        String type = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        String source = spec.substring(colon + 1);
        switch (type) {
            case "txt":
                return new TextMap(resolve.apply(source), false);
            case "rnd":
                return new TextMap(resolve.apply(source), true);
            case "int":
                return InternalMap.of(source);
            case "prg":
                return new ProgramMap(List.of(source.trim().split("\\s+")), resolve);
            default:
                throw new IllegalArgumentException("RewriteMap: map type '" + type + "' is not supported (txt, rnd, int and prg are)");
        }
    }

    /** {@code txt:} and {@code rnd:} files: {@code key value} lines, re-read when the file's mtime changes. */
    final class TextMap implements RewriteMap {
        private final Path file;
        private final boolean random;
        private volatile Map<String, String> entries = Map.of();
        private volatile FileTime loaded;

        TextMap(Path file, boolean random) {
            this.file = file;
            this.random = random;
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("RewriteMap: file for map not found or not readable: " + file);
            }
        }

        @Override
        public String lookup(String key) {
            String v = current().get(key);
            if (v == null || !random) {
                return v;
            }
            String[] choices = v.split("\\|");
            return choices[ThreadLocalRandom.current().nextInt(choices.length)];
        }

        private Map<String, String> current() {
            try {
                FileTime t = Files.getLastModifiedTime(file);
                if (!t.equals(loaded)) {
                    synchronized (this) {
                        if (!t.equals(loaded)) {
                            Map<String, String> m = new HashMap<>();
                            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                                String l = line.strip();
                                if (l.isEmpty() || l.startsWith("#")) {
                                    continue;
                                }
                                String[] kv = l.split("\\s+", 3);
                                if (kv.length >= 2) {
                                    m.putIfAbsent(kv[0], kv[1]);
                                }
                            }
                            entries = m;
                            loaded = t;
                        }
                    }
                }
            } catch (IOException e) {
                LoggerFactory.getLogger(TextMap.class).error("JH08003: cannot read RewriteMap file {}: {}", file, e.toString());
            }
            return entries;
        }
    }

    /** {@code int:} maps: {@code tolower}, {@code toupper}, {@code escape}, {@code unescape}. */
    enum InternalMap implements RewriteMap {
        TOLOWER {
            @Override
            public String lookup(String key) {
                return key.toLowerCase(Locale.ROOT);
            }
        },
        TOUPPER {
            @Override
            public String lookup(String key) {
                return key.toUpperCase(Locale.ROOT);
            }
        },
        ESCAPE {
            @Override
            public String lookup(String key) {
                return UrlEscape.escapeUri(key);
            }
        },
        UNESCAPE {
            @Override
            public String lookup(String key) {
                return UrlEscape.unescape(key);
            }
        };

        static InternalMap of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("RewriteMap: internal map 'int:" + name + "' does not exist (tolower, toupper, escape, unescape)");
            }
        }
    }

    /**
     * {@code prg:} maps: one long-lived process, a key per line in, a value per line out
     * ({@code NULL} for none); lookups are serialised, a dead process is restarted.
     */
    final class ProgramMap implements RewriteMap {
        private static final Logger LOG = LoggerFactory.getLogger(ProgramMap.class);
        private final List<String> command;
        private Process process;
        private BufferedWriter in;
        private BufferedReader out;

        ProgramMap(List<String> command, java.util.function.Function<String, Path> resolve) {
            Path program = resolve.apply(command.get(0));
            if (!Files.isExecutable(program)) {
                throw new IllegalArgumentException("RewriteMap: map program " + program + " is not an executable file");
            }
            java.util.ArrayList<String> c = new java.util.ArrayList<>(command);
            c.set(0, program.toString());
            this.command = List.copyOf(c);
        }

        @Override
        public synchronized String lookup(String key) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    if (process == null || !process.isAlive()) {
                        start();
                    }
                    in.write(key.replace('\n', ' '));
                    in.write('\n');
                    in.flush();
                    String line = out.readLine();
                    if (line == null) {
                        throw new IOException("map program closed its output");
                    }
                    return line.equals("NULL") ? null : line;
                } catch (IOException e) {
                    LOG.error("JH08004: RewriteMap program {} failed ({}); restarting it", command.get(0), e.toString());
                    close();
                }
            }
            return null;
        }

        private void start() throws IOException {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void close() {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
                process = null;
            }
        }
    }
}
