package io.jhttpd.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Argument splitting. Every expectation here was checked against Apache 2.4.71 (Debian) with
 * {@code DocumentRoot} or {@code Define} lines, whose error messages echo the unquoted argument.
 */
class ConfigArgumentsTest {

    @Test
    void whitespaceSeparatesArguments() {
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), ConfigArguments.split("a  b\tc\u000Bd\fe\rf"));
    }

    @Test
    void doubleQuotesHoldSpacesAndEscapeQuoteAndBackslash() {
        assertEquals(List.of("%h \"%r\"", "x"), ConfigArguments.split("\"%h \\\"%r\\\"\" x"));
        assertEquals(List.of("/a\\b"), ConfigArguments.split("\"/a\\\\b\""));
    }

    @Test
    void otherBackslashesInQuotesAreKept() {
        assertEquals(List.of("/a\\b", "a\\'b"), ConfigArguments.split("\"/a\\b\" \"a\\'b\""));
    }

    @Test
    void singleQuotesEscapeOnlyTheSingleQuote() {
        assertEquals(List.of("/a'b", "/a\\\"b"), ConfigArguments.split("'/a\\'b' '/a\\\"b'"));
    }

    @Test
    void unquotedDoubleBackslashIsOneBackslash() {
        assertEquals(List.of("/a\\b", "/a\\b", "/a\\\\b"), ConfigArguments.split("/a\\\\b /a\\b /a\\\\\\\\b"));
    }

    @Test
    void quotesInsideAWordAreOrdinaryCharacters() {
        assertEquals(List.of("/a\"b", "c\""), ConfigArguments.split("/a\"b c\""));
        assertEquals(List.of("/a\\\"b"), ConfigArguments.split("/a\\\"b"));
    }

    @Test
    void closingQuoteEndsTheArgumentEvenWithoutSpace() {
        assertEquals(List.of("/a", "b"), ConfigArguments.split("\"/a\"b"));
    }

    @Test
    void unterminatedQuoteRunsToTheEndOfTheLine() {
        assertEquals(List.of("/a b"), ConfigArguments.split("\"/a b"));
    }

    @Test
    void quotedEmptyArgumentIsKept() {
        assertEquals(List.of("", "x"), ConfigArguments.split("\"\" x"));
        assertEquals(List.of(), ConfigArguments.split("   "));
    }

    @Test
    void hashInsideALineIsAnArgument() {
        assertEquals(List.of("/a", "#", "comment", "/a#b"), ConfigArguments.split("/a # comment /a#b"));
    }

    @Test
    void quoteLeavesPlainWordsAloneAndQuotesTheRest() {
        assertEquals("plain", ConfigArguments.quote("plain"));
        assertEquals("a\"b", ConfigArguments.quote("a\"b"));
        assertEquals("\"\"", ConfigArguments.quote(""));
        assertEquals("\"a b\"", ConfigArguments.quote("a b"));
        assertEquals("\"\\\"x\"", ConfigArguments.quote("\"x"));
        assertEquals("\"'x\"", ConfigArguments.quote("'x"));
        assertEquals("\"c:\\\\dir\\\\\"", ConfigArguments.quote("c:\\dir\\"));
    }
}
