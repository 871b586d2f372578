package io.jhttpd.mod.setenvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvRuleTest {

    private final Headers headers = new Headers();
    private final Map<String, String> env = new HashMap<>();
    private String uri = "/images/a.png";

    /** A request answering only what the rules read. */
    private Request request() {
        Connection c = new FakeConnection(new InetSocketAddress("192.0.2.7", 5555), new InetSocketAddress("127.0.0.1", 80));
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "headersIn": return headers;
                case "subprocessEnv": return env;
                case "uri": return uri;
                case "method": return "GET";
                case "protocol": return "HTTP/1.1";
                case "connection": return c;
                default:
                    // the interface's own defaults (remoteIp) run as written, on the answers above
                    if (m.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(p, m, a);
                    }
                    throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    private void apply(String attribute, String regex, boolean noCase, String... assignments) throws ConfigException {
        EnvRule.compile(attribute, regex, List.of(assignments), noCase).apply(request());
    }

    @Test
    void specialAttributesAndHeaders() throws ConfigException {
        headers.add("User-Agent", "Mozilla/5.0 (X11)");
        apply("Request_URI", "\\.(gif|png)$", false, "image", "kind=$1");
        apply("Remote_Addr", "^192\\.0\\.2\\.", false, "lan");
        apply("Request_Method", "^POST$", false, "post");
        apply("user-agent", "^mozilla/(\\d+)", true, "moz=$1", "whole=$0");
        apply("User-Agent", "^mozilla", false, "casesensitive");
        assertEquals(Map.of("image", "1", "kind", "png", "lan", "1", "moz", "5", "whole", "Mozilla/5"), env);
    }

    @Test
    void unsetAndEarlierVariablesAndHeaderNamePatterns() throws ConfigException {
        env.put("gone", "x");
        headers.add("X-Forwarded-For", "10.1.2.3");
        apply("Request_URI", ".", false, "!gone", "first=yes");
        apply("first", "^yes$", false, "second");
        apply("^X-Forwarded-.*$", "^10\\.", false, "proxied");
        assertEquals(Map.of("first", "yes", "second", "1", "proxied", "1"), env);
        apply("Missing-Header", ".*", false, "never");
        assertFalse(env.containsKey("never"), "no header and no variable: no match, even for .*");
    }

    @Test
    void badRulesAreConfigurationErrors() {
        assertEquals("JH12001 Missing envariable expression for SetEnvIf",
                assertThrows(ConfigException.class, () -> EnvRule.compile("Request_URI", "x", List.of(), false)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> EnvRule.compile("Request_URI", "(", List.of("v"), false))
                .getMessage().startsWith("JH12002 Regular expression could not be compiled: ("));
    }
}
