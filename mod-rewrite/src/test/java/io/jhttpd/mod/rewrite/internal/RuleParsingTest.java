package io.jhttpd.mod.rewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Flags and condition forms as Apache parses them. */
class RuleParsingTest {

    private static RewriteRule rule(String... args) {
        return RewriteRule.parse(List.of(args), List.of(), false);
    }

    @Test
    void flagsInShortAndLongForm() {
        RewriteRule r = rule("^a", "b", "[R=permanent,L,NC,QSA,NE,E=X:1,CO=n:v:example.com,S=2,T=text/plain,B,BNP]");
        assertEquals(301, r.status);
        assertTrue(r.redirect && r.last && r.noCase && r.qsAppend && r.noEscape && r.escapeBackrefs && r.escapeNoPlus);
        assertEquals(List.of("X:1"), r.env);
        assertEquals(2, r.skip);
        assertEquals("text/plain", r.forcedType);
        RewriteRule l = rule("^a", "b", "[redirect=seeother,last,nocase,qsappend,noescape,chain,passthrough,nosubreq,END,DPI,QSD,QSL]");
        assertEquals(303, l.status);
        assertTrue(l.chain && l.passThrough && l.noSubRequests && l.end && l.discardPathInfo && l.qsDiscard && l.qsLast);
        assertEquals(410, rule("^a", "-", "[G]").status);
        assertEquals(403, rule("^a", "-", "[F]").status);
        assertEquals(500, rule("^a", "-", "[N=500]").maxRounds);
    }

    @Test
    void badFlagsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule("^a", "b", "[XYZ]"));
        assertEquals("RewriteRule: unknown flag 'XYZ'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule("^a", "b", "R"));
        assertThrows(IllegalArgumentException.class, () -> rule("^a", "b", "[R=200]"));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> rule("^a", "http://backend/", "[P]"));
        assertTrue(p.getMessage().contains("proxy module"), p.getMessage());
    }

    @Test
    void conditionForms() {
        assertEquals(RewriteCondition.Kind.FILE, RewriteCondition.parse(List.of("%{REQUEST_FILENAME}", "!-f")).kind);
        assertTrue(RewriteCondition.parse(List.of("%{REQUEST_FILENAME}", "!-d")).negated);
        RewriteCondition eq = RewriteCondition.parse(List.of("%{HTTP_HOST}", "=\"\""));
        assertEquals(RewriteCondition.Kind.STRING_EQ, eq.kind);
        assertEquals("", eq.operand);
        RewriteCondition ge = RewriteCondition.parse(List.of("%{TIME_HOUR}", "-ge7"));
        assertEquals(RewriteCondition.Kind.INT_GE, ge.kind);
        assertEquals("7", ge.operand);
        assertEquals(RewriteCondition.Kind.STRING_LE, RewriteCondition.parse(List.of("a", "<=b")).kind);
        RewriteCondition or = RewriteCondition.parse(List.of("%{HTTP:X}", "^x", "[NC,OR,NV]"));
        assertTrue(or.noCase && or.orNext && or.noVary);
        assertEquals(RewriteCondition.Kind.SYMLINK, RewriteCondition.parse(List.of("x", "-L")).kind);
    }

    @Test
    void integersParseAsAprAtoi() {
        assertEquals(42, RuleEngine.number("42abc"));
        assertEquals(-3, RuleEngine.number("-3"));
        assertEquals(0, RuleEngine.number("x"));
    }
}
