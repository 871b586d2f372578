package io.jhttpd.kernel.core;

import java.net.InetAddress;

/** The machine's host name, used when {@code ServerName} is not set (as Apache guesses it). */
final class MachineName {
    private static volatile String name;

    private MachineName() {
    }

    static String get() {
        String n = name;
        if (n == null) {
            try {
                n = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (Exception e) {
                n = "localhost";
            }
            name = n;
        }
        return n;
    }
}
