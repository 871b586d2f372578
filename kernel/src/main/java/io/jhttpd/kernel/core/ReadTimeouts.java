package io.jhttpd.kernel.core;

import java.util.List;
import java.util.Locale;

/**
 * {@code RequestReadTimeout} (Apache's mod_reqtimeout): how long a client may take to send the
 * request head and the body. Each stage has a first timeout, an optional cap, and a minimum rate:
 * every {@code MinRate} bytes received buys one more second, up to the cap. Apache's default is
 * {@code header=20-40,MinRate=500 body=20,MinRate=500}; a timeout of 0 turns a stage off.
 */
public record ReadTimeouts(int headerSeconds, int headerMaxSeconds, int headerMinRate,
        int bodySeconds, int bodyMaxSeconds, int bodyMinRate) {

    /** Apache's defaults. */
    public static final ReadTimeouts APACHE_DEFAULTS = new ReadTimeouts(20, 40, 500, 20, 0, 500);

    /**
     * Applies {@code RequestReadTimeout} arguments ({@code handshake=5 header=10-30,MinRate=500
     * body=20,MinRate=500}) to {@code base}; throws {@link IllegalArgumentException} with what was expected.
     */
    public static ReadTimeouts parse(ReadTimeouts base, List<String> args) {
        int[] v = {base.headerSeconds, base.headerMaxSeconds, base.headerMinRate, base.bodySeconds, base.bodyMaxSeconds,
            base.bodyMinRate};
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected stage=timeout[-maxtimeout][,MinRate=rate], not '" + arg + "'");
            }
            String stage = arg.substring(0, eq).toLowerCase(Locale.ROOT);
            int at;
            switch (stage) {
                case "handshake":
                    // no TLS here: the handshake stage is accepted as Apache's syntax and has nothing to time
                    continue;
                case "header":
                    at = 0;
                    break;
                case "body":
                    at = 3;
                    break;
                default:
                    throw new IllegalArgumentException("unknown stage '" + stage + "' (expected handshake, header or body)");
            }
            String spec = arg.substring(eq + 1);
            int rate = v[at + 2];
            int comma = spec.indexOf(',');
            if (comma >= 0) {
                String r = spec.substring(comma + 1);
                if (!r.regionMatches(true, 0, "MinRate=", 0, 8)) {
                    throw new IllegalArgumentException("expected MinRate=bytes after ',' in '" + arg + "'");
                }
                rate = number(r.substring(8), arg);
                if (rate <= 0) {
                    throw new IllegalArgumentException("MinRate must be greater than 0 in '" + arg + "'");
                }
                spec = spec.substring(0, comma);
            }
            int dash = spec.indexOf('-');
            int first = number(dash < 0 ? spec : spec.substring(0, dash), arg);
            int max = dash < 0 ? 0 : number(spec.substring(dash + 1), arg);
            if (dash >= 0 && max < first) {
                throw new IllegalArgumentException("maximum timeout must be larger than initial timeout in '" + arg + "'");
            }
            v[at] = first;
            v[at + 1] = max;
            v[at + 2] = dash < 0 && comma < 0 ? 0 : rate;
        }
        return new ReadTimeouts(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static int number(String s, String arg) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of seconds in '" + arg + "', not '" + s + "'");
        }
    }
}
