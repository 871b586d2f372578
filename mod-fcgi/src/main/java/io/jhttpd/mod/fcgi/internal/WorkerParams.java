package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigException;
import java.util.Locale;

/**
 * A backend's settings, as mod_proxy's worker parameters ({@code ProxySet url key=value},
 * {@code ProxyPassMatch ... key=value}): connection reuse, the pool's size, and the timeouts.
 * Immutable; {@link #with} gives a changed copy.
 *
 * @param reuse            {@code enablereuse=on} (or {@code disablereuse=off}): keep connections
 *                         open with FCGI_KEEP_CONN and pool them; off by default, as in Apache
 * @param max              most connections open to the backend at once ({@code max=}); requests
 *                         beyond it wait for one (up to the connect timeout), 0 = no limit
 * @param connectTimeoutMillis {@code connectiontimeout=} (seconds in the config)
 * @param ioTimeoutMillis  {@code timeout=}: the longest wait for a read or write (seconds in the config)
 */
record WorkerParams(boolean reuse, int max, long connectTimeoutMillis, long ioTimeoutMillis) {

    /** Apache's defaults: no reuse, no limit, both timeouts at {@code Timeout} (60 s). */
    static final WorkerParams DEFAULTS = new WorkerParams(false, 0, 60_000, 60_000);

    /** This with {@code key=value} applied; an unknown key or bad value is a {@link ConfigException}. */
    WorkerParams with(String keyValue) throws ConfigException {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("Invalid ProxySet/ProxyPass parameter '" + keyValue + "': expected key=value");
        }
        String key = keyValue.substring(0, eq).toLowerCase(Locale.ROOT);
        String value = keyValue.substring(eq + 1);
        switch (key) {
            case "enablereuse":
                return new WorkerParams(onOff(key, value), max, connectTimeoutMillis, ioTimeoutMillis);
            case "disablereuse":
                return new WorkerParams(!onOff(key, value), max, connectTimeoutMillis, ioTimeoutMillis);
            case "max":
                return new WorkerParams(reuse, (int) number(key, value), connectTimeoutMillis, ioTimeoutMillis);
            case "connectiontimeout":
                return new WorkerParams(reuse, max, seconds(key, value), ioTimeoutMillis);
            case "timeout":
                return new WorkerParams(reuse, max, connectTimeoutMillis, seconds(key, value));
            case "retry": case "ttl": case "smax": case "min": case "flushpackets": case "flushwait": case "keepalive":
            case "acquire": case "ping": case "route": case "status": case "redirect": case "lbset": case "loadfactor":
                // accepted as Apache does; this client keeps no error state and needs no tuning for them
                return this;
            default:
                throw new ConfigException("unknown Worker parameter '" + key + "' (known: enablereuse, disablereuse, max, connectiontimeout, timeout)");
        }
    }

    /** This with both timeouts set to {@code millis} where they still hold the default. */
    WorkerParams withDefaultTimeouts(long connectMillis, long ioMillis) {
        return new WorkerParams(reuse, max,
                connectTimeoutMillis == DEFAULTS.connectTimeoutMillis ? connectMillis : connectTimeoutMillis,
                ioTimeoutMillis == DEFAULTS.ioTimeoutMillis ? ioMillis : ioTimeoutMillis);
    }

    private static boolean onOff(String key, String value) throws ConfigException {
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw new ConfigException(key + " must be On or Off, not '" + value + "'");
    }

    private static long number(String key, String value) throws ConfigException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number of at least 0, not '" + value + "'");
        }
    }

    /** Seconds, or milliseconds with an {@code ms} suffix as Apache allows. */
    static long seconds(String key, String value) throws ConfigException {
        if (value.endsWith("ms")) {
            return Math.max(1, number(key, value.substring(0, value.length() - 2)));
        }
        return number(key, value) * 1000;
    }
}
