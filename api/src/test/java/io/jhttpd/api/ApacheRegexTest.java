package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The PCRE-to-Java differences real rules hit. */
class ApacheRegexTest {

    private static boolean finds(String pcre, String input) {
        return ApacheRegex.compile(pcre, false).matcher(input).find();
    }

    @Test
    void dollarMatchesOnlyAtTheVeryEnd() {
        assertTrue(finds("\\.php$", "x.php"));
        assertFalse(finds("\\.php$", "x.php\n"), "CVE-2017-15715: PCRE DOLLAR_ENDONLY");
        assertTrue(finds("[$]", "a$b"), "a $ in a class stays a literal");
    }

    @Test
    void posixClassesAreClassesNotLetterSets() {
        assertTrue(finds("^[[:alpha:]]+$", "abcXYZ"));
        assertFalse(finds("^[[:alpha:]]+$", ":"), "Java alone would read [[:alpha:]] as the letters ':alph'");
        assertTrue(finds("^[[:digit:]_-]+$", "12_-3"));
    }

    @Test
    void pythonNamedGroupsBecomeJavaNamedGroups() {
        assertEquals("(?<year>[0-9]+)-\\k<year>", ApacheRegex.translate("(?P<year>[0-9]+)-(?P=year)"));
        assertTrue(finds("^(?P<y>a)\\z", "a"));
    }

    @Test
    void dotMatchesNewlineAsApacheCompilesWithDotAll() {
        assertTrue(finds("^a.b$", "a\nb"));
    }

    @Test
    void unsupportedConstructsAreRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApacheRegex.compile("a(?R)?b", false));
        assertTrue(e.getMessage().contains("recursion"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApacheRegex.compile("foo\\Kbar", false));
        assertThrows(IllegalArgumentException.class, () -> ApacheRegex.compile("[[:nope:]]", false));
    }

    @Test
    void quotedSequencesAndClassesStayAsTheyAre() {
        assertTrue(finds("\\Q$x\\E$", "a$x"));
        assertTrue(finds("^[]a]+$", "]a]"));
        assertTrue(finds("^[^]a]+$", "bc"));
    }
}
