package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ServerContext;
import java.util.List;
import java.util.Locale;

/**
 * The {@code OpenFileCache} directive (ours; Apache has no equivalent, nginx has
 * {@code open_file_cache}). One cache serves the whole server, so only the main server's setting
 * counts, as with {@code TypesConfig}.
 *
 * <pre>
 * OpenFileCache off
 * OpenFileCache max=1000 inactive=20s content=16k valid=0     (the default)
 *   max=N        most files kept (and so most descriptors held)
 *   inactive=T   an entry not used for T is dropped: 20s, 500ms, 2m, or plain seconds
 *   content=S    files up to S bytes (k, m suffixes) are kept as bytes and hold no descriptor; 0 keeps none
 *   valid=T      the kernel reuses a path's attributes (or its absence) for up to T instead of a stat per
 *                request: a changed, created or deleted file is seen within T. 0: every request looks,
 *                and a change is seen by the next request (a changed file is never served stale)
 * </pre>
 */
final class OpenFileCacheConfig {

    static final ConfigKey<OpenFileCacheConfig> KEY =
            ConfigKey.perServer("open-file-cache", OpenFileCacheConfig::new, OpenFileCacheConfig::merge);

    private OpenFileCache.Settings settings;

    static Directive directive() {
        return Directive.of("OpenFileCache", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG,
                (ctx, args) -> ctx.config(KEY).settings = parse(args))
                .help("\"off\", or max=N [inactive=20s] [content=16k] [valid=0s]: files kept open or in memory between requests");
    }

    /** The settings for {@code server}: the main server's, else the default. */
    static OpenFileCache.Settings settings(ServerContext server) {
        Server main = server.servers().isEmpty() ? null : server.servers().get(0);
        OpenFileCacheConfig c = main == null ? null : main.config(KEY);
        return c != null && c.settings != null ? c.settings : OpenFileCache.Settings.DEFAULT;
    }

    static OpenFileCache.Settings parse(List<String> args) throws ConfigException {
        if (args.size() == 1 && "off".equalsIgnoreCase(args.get(0))) {
            return OpenFileCache.Settings.OFF;
        }
        OpenFileCache.Settings d = OpenFileCache.Settings.DEFAULT;
        int max = -1;
        long inactive = d.inactiveNanos();
        long content = d.contentLimit();
        long valid = d.validNanos();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : arg.substring(eq + 1).toLowerCase(Locale.ROOT);
            switch (name) {
                case "max" -> max = (int) Math.min(Integer.MAX_VALUE, number(arg, value, 1, ""));
                case "inactive" -> inactive = duration(arg, value);
                case "content" -> content = Math.min(Integer.MAX_VALUE - 16, number(arg, value, 1024, "k"));
                case "valid" -> valid = duration(arg, value);
                default -> throw new ConfigException("JH02010 OpenFileCache: unknown argument '" + arg
                        + "': expected off, or max=N, inactive=TIME, content=SIZE, valid=TIME");
            }
        }
        if (max <= 0) {
            throw new ConfigException("JH02010 OpenFileCache: max=N with N > 0 is required (or \"off\")");
        }
        return new OpenFileCache.Settings(max, inactive, (int) content, valid);
    }

    private static long duration(String arg, String value) throws ConfigException {
        if (value.endsWith("ms")) {
            return number(arg, value.substring(0, value.length() - 2), 1_000_000L, "");
        }
        if (value.endsWith("m")) {
            return number(arg, value.substring(0, value.length() - 1), 60_000_000_000L, "");
        }
        if (value.endsWith("s")) {
            return number(arg, value.substring(0, value.length() - 1), 1_000_000_000L, "");
        }
        return number(arg, value, 1_000_000_000L, "");
    }

    /** {@code value} (a whole number, with {@code k}/{@code m} suffixes if {@code suffixes} is "k") times {@code unit}. */
    private static long number(String arg, String value, long unit, String suffixes) throws ConfigException {
        long factor = unit;
        String digits = value;
        if (!suffixes.isEmpty() && (value.endsWith("k") || value.endsWith("m"))) {
            factor = value.endsWith("k") ? 1024 : 1024 * 1024;
            digits = value.substring(0, value.length() - 1);
        } else if (!suffixes.isEmpty()) {
            factor = 1;
        }
        try {
            long n = Long.parseLong(digits);
            if (n >= 0 && n <= Long.MAX_VALUE / factor) {
                return n * factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("JH02010 OpenFileCache: '" + arg + "' needs a whole number"
                + (suffixes.isEmpty() ? "" : " of bytes (k and m suffixes allowed)"));
    }

    private static OpenFileCacheConfig merge(OpenFileCacheConfig base, OpenFileCacheConfig add) {
        return add.settings != null ? add : base;
    }
}
