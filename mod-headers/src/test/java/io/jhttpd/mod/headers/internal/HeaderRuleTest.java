package io.jhttpd.mod.headers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code Header} and {@code RequestHeader} refuse, in Apache's words, and how values render. */
class HeaderRuleTest {

    private static String refused(String directive, Scope scope, String... args) {
        return assertThrows(ConfigException.class,
                () -> HeaderRule.parse(directive, directive.equals("RequestHeader"), List.of(args), scope)).getMessage();
    }

    @Test
    void badLinesSayWhatWasExpected() {
        assertEquals("Header requires three arguments", refused("Header", Scope.SERVER, "set", "X-A"));
        assertEquals("Header requires three arguments", refused("Header", Scope.SERVER, "always", "set"));
        assertTrue(refused("Header", Scope.SERVER, "replace", "X-A", "v").startsWith("Header: first argument must be 'add'"));
        assertTrue(refused("RequestHeader", Scope.SERVER, "echo", "X-A").contains("not 'echo'"), "echo is for responses only");
        assertEquals("Header edit requires a match and a substitution", refused("Header", Scope.SERVER, "edit", "X-A", "^a"));
        assertTrue(refused("Header", Scope.DIRECTORY, "set", "X-A", "v", "early").contains("only allowed in server and virtual host"));
        assertTrue(refused("Header", Scope.SERVER, "set", "X-A", "v", "when=now").startsWith("Header: Unknown conditional: when=now"));
        assertEquals("Header: Unrecognized header format %q", refused("Header", Scope.SERVER, "set", "X-A", "a %q"));
        assertTrue(refused("Header", Scope.SERVER, "set", "X-A", "v", "expr=%{NOPE} == 'x'").contains("Cannot parse condition clause"));
        assertTrue(refused("Header", Scope.SERVER, "unset", "X-A", "env=X", "extra").contains("too many arguments"));
        assertTrue(refused("Header", Scope.HTACCESS, "set", "X-A", "v", "expr=-f '/etc/passwd'").contains("not allowed in .htaccess"));
    }

    @Test
    void valuesRenderTheirFormatSpecifiers() {
        Map<String, String> env = Map.of("FOO", "bar");
        long startNanos = System.nanoTime();
        Request r = (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "subprocessEnv":
                    return env;
                case "requestTimeMillis":
                    return 1_600_000_000_123L;
                case "requestStartNanos":
                    return startNanos;
                default:
                    return null;
            }
        });
        assertEquals("a bar (null) % b", HeaderValue.parse("a %{FOO}e %{NONE}e %% b").render(r));
        assertEquals("t=1600000000123000", HeaderValue.parse("%t").render(r));
        assertTrue(HeaderValue.parse("%D").render(r).matches("D=\\d+"));
        assertEquals("plain", HeaderValue.parse("plain").render(r));
        assertEquals("100%", HeaderValue.parse("100%").render(r), "a lone % at the end stays");
    }
}
