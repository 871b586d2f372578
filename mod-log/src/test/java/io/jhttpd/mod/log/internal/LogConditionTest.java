package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import org.junit.jupiter.api.Test;

class LogConditionTest {

    private final FakeRequest r = new FakeRequest();

    private boolean holds(String expr) throws ConfigException {
        return LogCondition.compile(expr).test(r);
    }

    @Test
    void comparisonsVariablesAndFunctions() throws ConfigException {
        r.status = 404;
        r.headersIn.add("User-Agent", "curl/8.1");
        r.env.put("from_setenvif", "yes");
        assertTrue(holds("%{REQUEST_STATUS} -ge 400 && %{REQUEST_METHOD} != 'HEAD'"));
        assertFalse(holds("%{REQUEST_STATUS} -lt 400"));
        assertTrue(holds("%{HTTP_USER_AGENT} =~ /^curl\\//"));
        assertTrue(holds("req('user-agent') =~ m#CURL#i"));
        assertTrue(holds("%{HTTP_USER_AGENT} !~ /wget/"));
        assertTrue(holds("reqenv('from_setenvif') == 'yes' || false"));
        assertTrue(holds("-z reqenv('nothing') && -n %{REQUEST_URI}"));
        assertTrue(holds("!(%{REQUEST_URI} == '/other') && %{REQUEST_URI} in {'/x', '/a.txt'}"));
        assertTrue(holds("tolower(%{REQUEST_METHOD}) == \"get\""));
        assertFalse(holds("%{QUERY_STRING} == 'x'"), "no query: empty");
        assertTrue(holds("'b' > 'a' && 10 -eq 10 && 'abc' < 'abd'"));
    }

    @Test
    void badExpressionsNameWhatWasExpected() {
        assertEquals("JH03005 Cannot parse expression in condition clause: unknown variable %{NOPE} in: %{NOPE} == 'x'",
                assertThrows(ConfigException.class, () -> LogCondition.compile("%{NOPE} == 'x'")).getMessage());
        assertEquals("JH03005 Cannot parse expression in condition clause: expected ')' at the end in: ( true",
                assertThrows(ConfigException.class, () -> LogCondition.compile("( true")).getMessage());
        assertThrows(ConfigException.class, () -> LogCondition.compile("%{REQUEST_URI} =~ /(/"));
        assertThrows(ConfigException.class, () -> LogCondition.compile("'unterminated"));
        assertThrows(ConfigException.class, () -> LogCondition.compile("true true"));
    }
}
