package io.jhttpd.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        ".ht*, .htaccess, true",
        ".ht*, .htpasswd, true",
        ".ht*, x.htaccess, false",
        "*.txt, a.txt, true",
        "*.txt, a/b.txt, false",
        "a?c, abc, true",
        "a?c, a/c, false",
        "[abc]x, bx, true",
        "[!abc]x, bx, false",
        "[a-c]x, cx, true",
        "index.html, index.html, true",
        "index.html, index.htm, false",
    })
    void matchesLikeFnmatch(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }
}
