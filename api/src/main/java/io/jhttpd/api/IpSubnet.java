package io.jhttpd.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A subnet as Apache writes one ({@code apr_ipsubnet_create}): {@code 10.0.0.0/8},
 * {@code 10.0.0.0/255.0.0.0}, a partial IPv4 address ({@code 10.1} is {@code 10.1.0.0/16}), a whole
 * address, or IPv6 with a prefix length ({@code 2001:db8::/32}). Only literal addresses: a name is
 * refused, never looked up. An IPv4 address written as IPv6 ({@code ::ffff:10.1.2.3}) is in the
 * IPv4 subnets that hold it. What {@code Require ip}, and {@code -ipmatch} and {@code -R} in an
 * {@link Expression}, test against.
 */
public final class IpSubnet {

    private final byte[] network;
    private final int bits;

    private IpSubnet(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
        for (int i = 0; i < network.length; i++) {
            network[i] &= mask(i);
        }
    }

    /** Parses {@code spec}; {@link IllegalArgumentException} says what is wrong with it. */
    public static IpSubnet parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        String mask = slash < 0 ? null : s.substring(slash + 1);
        if (address.indexOf(':') < 0) {
            String[] parts = address.split("\\.", -1);
            if (parts.length > 4) {
                throw bad(spec);
            }
            byte[] net = new byte[4];
            for (int i = 0; i < parts.length; i++) {
                net[i] = (byte) octet(parts[i], spec);
            }
            int bits = parts.length * 8;
            if (mask != null) {
                if (parts.length != 4) {
                    throw bad(spec);
                }
                bits = mask.indexOf('.') >= 0 ? netmaskBits(mask, spec) : prefix(mask, 32, spec);
            }
            return new IpSubnet(net, bits);
        }
        byte[] net = ipv6(address, spec);
        return new IpSubnet(net, mask == null ? 128 : prefix(mask, 128, spec));
    }

    /** Whether {@code ip} (a literal address) is in this subnet; false for anything else. */
    public boolean contains(String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        byte[] a;
        try {
            a = ip.indexOf(':') < 0 ? ipv4(ip) : ipv6(ip, ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (a.length == 16 && network.length == 4 && isMappedIpv4(a)) {
            a = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & mask(i)) != network[i]) {
                return false;
            }
        }
        return true;
    }

    private byte mask(int index) {
        int left = bits - index * 8;
        return left >= 8 ? (byte) 0xff : left <= 0 ? 0 : (byte) (0xff << (8 - left));
    }

    private static boolean isMappedIpv4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] ipv4(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(ip);
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) octet(parts[i], ip);
        }
        return a;
    }

    private static byte[] ipv6(String address, String spec) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                throw bad(spec);
            }
        }
        try {
            // a literal (hex digits, colons, dots): checked, never looked up
            byte[] a = InetAddress.getByName(address).getAddress();
            if (a.length == 4) {
                // Java answers ::ffff:a.b.c.d as IPv4: keep it IPv6, mapped
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a, 0, mapped, 12, 4);
                return mapped;
            }
            return a;
        } catch (UnknownHostException e) {
            throw bad(spec);
        }
    }

    private static int octet(String part, String spec) {
        if (part.isEmpty() || part.length() > 3) {
            throw bad(spec);
        }
        int v = 0;
        for (int i = 0; i < part.length(); i++) {
            int d = Character.digit(part.charAt(i), 10);
            if (d < 0) {
                throw bad(spec);
            }
            v = v * 10 + d;
        }
        if (v > 255) {
            throw bad(spec);
        }
        return v;
    }

    private static int prefix(String mask, int max, String spec) {
        try {
            int bits = Integer.parseInt(mask);
            if (bits < 0 || bits > max) {
                throw bad(spec);
            }
            return bits;
        } catch (NumberFormatException e) {
            throw bad(spec);
        }
    }

    private static int netmaskBits(String mask, String spec) {
        byte[] m = ipv4(mask);
        int bits = 0;
        boolean ended = false;
        for (byte b : m) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (b >> i & 1) == 1;
                if (one && ended) {
                    throw bad(spec);
                }
                if (one) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("'" + spec + "' is not an IP address or subnet (as 10.0.0.0/8, 192.168.1, 2001:db8::/32)");
    }
}
