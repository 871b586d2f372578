package io.jhttpd.mod.rewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Substitution expansion: literals, escapes, back-references, variables and maps. */
class ExpansionProperties {

    /** A request that answers what expansion asks of it; everything else is null. */
    private static Request request(Map<String, String> env, Headers headers) {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "subprocessEnv":
                    return env;
                case "headersIn":
                    return headers;
                case "unparsedUri":
                    return "/x";
                case "method":
                    return "GET";
                case "uri":
                    return "/x";
                default:
                    return m.getReturnType() == boolean.class ? false : null;
            }
        });
    }

    private static RuleContext context(String... groups) {
        RuleContext ctx = new RuleContext(request(new HashMap<>(Map.of("NAME", "env-value")), new Headers()), null,
                Map.of("lc", RewriteMap.InternalMap.TOLOWER));
        ctx.ruleGroups = groups;
        ctx.conditionGroups = new String[] {"c0", "c1"};
        return ctx;
    }

    private static RewriteRule rule(String flags) {
        return RewriteRule.parse(List.of("^(.*)$", "$1", flags), List.of(), false);
    }

    @Property
    void textWithoutMarkersStaysAsItIs(@ForAll String text) {
        Assume.that(text.indexOf('$') < 0 && text.indexOf('%') < 0 && text.indexOf('\\') < 0);
        assertEquals(text, Expansion.expand(text, context(), null));
    }

    @Property
    void aBackslashMakesTheNextCharacterLiteral(@ForAll char c) {
        assertEquals(String.valueOf(c), Expansion.expand("\\" + c, context("g0", "g1"), null));
    }

    @Property
    void backReferencesAreTheGroupsAndBEscapesThemReversibly(@ForAll String group) {
        RuleContext ctx = context("all", group);
        assertEquals("/p/" + group + "/c1", Expansion.expand("/p/$1/%1", ctx, null));
        String escaped = Expansion.expand("$1", ctx, rule("[B,BNP]"));
        String valid = new String(group.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(valid, UrlEscape.unescape(escaped));
    }

    @Test
    void variablesMapsAndTheirDefaults() {
        RuleContext ctx = context("all", "ABC");
        assertEquals("/abc", Expansion.expand("/${lc:$1}", ctx, null));
        assertEquals("x-dflt", Expansion.expand("x-${nomap:key|dflt}", ctx, null));
        assertEquals("env-value", Expansion.expand("%{ENV:NAME}", ctx, null));
        assertEquals("GET /x", Expansion.expand("%{REQUEST_METHOD} %{REQUEST_URI}", ctx, null));
        // Apache: an unknown variable is empty, and %2 with no such group is empty too ("/a%20b" -> "/a0b")
        assertEquals("/a0b", Expansion.expand("/a%20b", ctx, null));
        assertEquals("[]", Expansion.expand("[%{NO_SUCH_VARIABLE}]", ctx, null));
    }
}
