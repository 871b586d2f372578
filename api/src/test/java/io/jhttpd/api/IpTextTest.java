package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Addresses as Apache prints them (APR's {@code inet_ntop}), not as Java's {@code getHostAddress} does. */
class IpTextTest {

    private static String text(String address) throws Exception {
        return IpText.of(InetAddress.getByName(address));
    }

    @Test
    void ipv4IsDotted() throws Exception {
        assertEquals("127.0.0.1", text("127.0.0.1"));
        assertEquals("10.20.30.40", IpText.of(new InetSocketAddress(InetAddress.getByName("10.20.30.40"), 80)));
    }

    @Test
    void ipv6IsCompressedAsInetNtopWritesIt() throws Exception {
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("::", text("::"));
        assertEquals("1::", text("1::"));
        assertEquals("fe80::1:2", text("fe80:0:0:0:0:0:1:2"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"), "the first of two equal runs of zeros");
        assertEquals("1:0:2:0:3:0:4:0", text("1:0:2:0:3:0:4:0"), "a single zero word stays");
        assertEquals("::1.2.3.4", IpText.of(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4})));
    }

    @Test
    void noAddressIsNull() {
        assertNull(IpText.of((InetSocketAddress) null));
    }

    @Test
    void aConnectionAnswersItsAddressesThatWay() throws Exception {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("::1"), 5000);
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:80"), 80);
        Connection c = new Connection() {
            @Override
            public long id() {
                return 1;
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return remote;
            }

            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public int keepAliveCount() {
                return 0;
            }

            @Override
            public boolean isAborted() {
                return false;
            }
        };
        assertEquals("::1", c.remoteIp());
        assertEquals("2001:db8::80", c.localIp());
    }
}
