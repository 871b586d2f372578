package io.jhttpd.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * IP addresses as text the way APR prints them ({@code apr_sockaddr_ip_get}): IPv4 dotted,
 * IPv6 in the compressed form of {@code inet_ntop} ({@code ::1}, {@code 2001:db8::1}), where
 * Java's {@code getHostAddress} would print {@code 0:0:0:0:0:0:0:1}. What
 * {@link Connection#remoteIp()} and {@link Connection#localIp()} answer: for {@code REMOTE_ADDR},
 * {@code %a}, {@code %{REMOTE_ADDR}}, {@code Remote_Addr}.
 */
final class IpText {

    private IpText() {
    }

    /** The IP of {@code address}, or {@code null} if unknown. */
    static String of(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        InetAddress ip = address.getAddress();
        return ip == null ? address.getHostString() : of(ip);
    }

    /** The IP as APR prints it. */
    static String of(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The first longest run of two or more zero words becomes "::".
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // IPv4-compatible and IPv4-mapped addresses end in dotted form, as inet_ntop writes them.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
                        .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
