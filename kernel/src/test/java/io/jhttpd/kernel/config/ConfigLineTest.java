package io.jhttpd.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Joining and trimming of physical lines; each case was checked against Apache 2.4.71. */
class ConfigLineTest {

    @Test
    void linesAreTrimmedAndNumbered() {
        assertEquals(List.of(new ConfigLine(1, "A b"), new ConfigLine(2, ""), new ConfigLine(3, "C")),
                ConfigLine.split("  A b \t\n\n\tC\n"));
    }

    @Test
    void backslashAtLineEndJoinsWithoutInsertingSpace() {
        assertEquals(List.of(new ConfigLine(1, "DocumentRoot /ab"), new ConfigLine(3, "X")),
                ConfigLine.split("DocumentRoot /a\\\nb\nX\n"));
    }

    @Test
    void indentationOfAContinuationLineIsKept() {
        assertEquals(List.of(new ConfigLine(1, "A x    y")), ConfigLine.split("A x\\\n    y\n"));
    }

    @Test
    void doubleBackslashAtLineEndStillContinuesDroppingOne() {
        assertEquals(List.of(new ConfigLine(1, "A /a\\b")), ConfigLine.split("A /a\\\\\nb\n"));
    }

    @Test
    void backslashFollowedByWhitespaceDoesNotContinue() {
        assertEquals(List.of(new ConfigLine(1, "A \\"), new ConfigLine(2, "B")), ConfigLine.split("A \\ \nB\n"));
    }

    @Test
    void crlfIsAcceptedAlsoAfterAContinuationBackslash() {
        assertEquals(List.of(new ConfigLine(1, "A b"), new ConfigLine(2, "C de")),
                ConfigLine.split("A b\r\nC d\\\r\ne\r\n"));
    }

    @Test
    void backslashOnTheLastLineWithoutLineEndStays() {
        assertEquals(List.of(new ConfigLine(1, "A /a\\")), ConfigLine.split("A /a\\"));
    }

    @Test
    void backslashLineEndBeforeEndOfFileJustEndsTheLine() {
        assertEquals(List.of(new ConfigLine(1, "A /a")), ConfigLine.split("A /a\\\n"));
    }

    @Test
    void aContinuedCommentSwallowsTheNextLine() {
        assertEquals(List.of(new ConfigLine(1, "# comment Error x"), new ConfigLine(3, "B")),
                ConfigLine.split("# comment \\\nError x\nB\n"));
    }
}
