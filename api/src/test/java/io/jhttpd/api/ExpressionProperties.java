package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text of an expression, parsing and evaluating it either works or fails with a configuration error that says why. */
class ExpressionProperties {

    private final Request request = new ExpressionTest().request();

    /** Whatever the text, parsing either succeeds or says why; it never fails otherwise. */
    @Property(tries = 2000)
    void anyTextParsesOrIsAConfigError(@ForAll String text) {
        try {
            Expression.parse(text).test(request);
        } catch (ConfigException e) {
            assertTrue(e.getMessage().endsWith(" in: " + text), e.getMessage());
        }
    }

    /** Texts built from the language's own pieces, which reach far deeper than random strings. */
    @Property(tries = 2000)
    void anyMixOfTheLanguagesPiecesParsesOrIsAConfigError(@ForAll("pieces") String text) {
        try {
            Expression.parse(text).test(request);
        } catch (ConfigException e) {
            assertTrue(e.getMessage().endsWith(" in: " + text), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> pieces() {
        return Arbitraries.of("%{REQUEST_URI}", "'a'", "\"%{HTTP_HOST}x\"", "==", "!=", "=~", "/a(b)?/", "m#x#i", "&&", "||",
                "!", "(", ")", "-n", "-z", "-R", "-ipmatch", "'10.0.0.0/8'", "in", "{", "}", ",", ".", "$1", "12", "-eq", "tolower(",
                "true", "false", "-strmatch", "'*'", "%{req:Host}", "'\\'", " ").list().ofMaxSize(12).map(l -> String.join(" ", l));
    }
}
