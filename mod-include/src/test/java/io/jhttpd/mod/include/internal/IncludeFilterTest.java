package io.jhttpd.mod.include.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import java.io.IOException;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Each SSI element on its own, with the answers Apache 2.4's mod_include gives for them (from its
 * documentation and source: default error message and "(none)", entity encoding by default,
 * apr_strfsize's abbreviations, timefmt's strftime).
 */
class IncludeFilterTest {

    private final FakeHost host = new FakeHost();

    private String run(String document) throws IOException {
        return run(document, new IncludeSettings());
    }

    private String run(String document, IncludeSettings settings) throws IOException {
        IncludeFilter f = new IncludeFilter(host, settings, ZoneOffset.UTC);
        Collector c = new Collector();
        f.filter(Brigade.of(Bucket.data(document), Bucket.EOS), c);
        assertEquals(1, c.endOfStreams);
        return c.text();
    }

    @Test
    void textWithoutElementsIsUnchanged() throws IOException {
        assertEquals("<p>plain <!-- comment --> <!-# not ssi</p>", run("<p>plain <!-- comment --> <!-# not ssi</p>"));
    }

    @Test
    void echoEncodesAsEntitiesByDefault() throws IOException {
        host.vars.put("X", "<a href=\"x?a=1&b=2\">é</a>");
        assertEquals("[&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;é&lt;/a&gt;]", run("[<!--#echo var=\"X\" -->]"));
        assertEquals("[<a href=\"x?a=1&b=2\">é</a>]", run("[<!--#echo encoding=\"none\" var=\"X\" -->]"));
        assertEquals("[%3ca%20href=%22x%3fa=1&b=2%22%3e%c3%a9%3c/a%3e]", run("[<!--#echo encoding=\"url\" var=\"X\" -->]"));
    }

    @Test
    void echoOfAnUnsetVariableSaysNone() throws IOException {
        assertEquals("[(none)]", run("[<!--#echo var=\"NOPE\" -->]"));
        IncludeSettings s = new IncludeSettings();
        s.undefinedEcho = "?";
        assertEquals("[?]", run("[<!--#echo var=\"NOPE\" -->]", s));
    }

    @Test
    void setSubstitutesVariables() throws IOException {
        host.vars.put("A", "one");
        assertEquals("one-two $A", run("<!--#set var=\"B\" value=\"${A}-two \\$A\" --><!--#echo var=\"B\" -->"));
    }

    @Test
    void dateVariablesFollowTimefmt() throws IOException {
        // 1700000000 = Tue, 14 Nov 2023 22:13:20 UTC
        assertEquals("Tuesday, 14-Nov-2023 22:13:20 GMT", run("<!--#echo var=\"DATE_GMT\" -->"));
        assertEquals("2023-11-14 22:13", run("<!--#config timefmt=\"%Y-%m-%d %H:%M\" --><!--#echo var=\"DATE_LOCAL\" -->"));
        assertEquals("13 Nov 2023", run("<!--#config timefmt=\"%d %b %Y\" --><!--#echo var=\"LAST_MODIFIED\" -->"));
    }

    @Test
    void fsizeAndFlastmod() throws IOException {
        host.documents.put("/dir/small.txt", "x".repeat(500));
        host.documents.put("/big.txt", "x".repeat(12_345));
        assertEquals("500 | 12K|12,345", run("<!--#fsize file=\"small.txt\" -->|<!--#fsize virtual=\"/big.txt\" -->|"
                + "<!--#config sizefmt=\"bytes\" --><!--#fsize virtual=\"/big.txt\" -->"));
        assertEquals("21:13", run("<!--#config timefmt=\"%H:%M\" --><!--#flastmod file=\"small.txt\" -->"));
        assertEquals(IncludeFilter.DEFAULT_ERROR, run("<!--#fsize file=\"../etc/passwd\" -->"));
    }

    @Test
    void abbreviatedSizesAreAprStrfsize() {
        assertEquals("  0 ", IncludeFilter.abbreviatedSize(0));
        assertEquals("972 ", IncludeFilter.abbreviatedSize(972));
        assertEquals("1.0K", IncludeFilter.abbreviatedSize(973));
        assertEquals("9.8K", IncludeFilter.abbreviatedSize(10_000));
        assertEquals(" 10K", IncludeFilter.abbreviatedSize(10_189));
        assertEquals(" 10K", IncludeFilter.abbreviatedSize(10_240));
        assertEquals("1.0M", IncludeFilter.abbreviatedSize(1 << 20));
    }

    @Test
    void includeVirtualAndFile() throws IOException {
        host.documents.put("/part.html", "<b>part</b>");
        host.documents.put("/dir/near.html", "near");
        assertEquals("a<b>part</b>b near c", run("a<!--#include virtual=\"/part.html\" -->b <!--#include file=\"near.html\" --> c"));
    }

    @Test
    void aFailingIncludeShowsTheErrorMessage() throws IOException {
        assertEquals("a[an error occurred while processing this directive]b", run("a<!--#include virtual=\"/missing\" -->b"));
        assertEquals("a[oops]b", run("<!--#config errmsg=\"[oops]\" -->a<!--#include file=\"/etc/passwd\" -->b"));
        assertFalse(host.errors.isEmpty());
    }

    @Test
    void conditionals() throws IOException {
        host.vars.put("QUERY_STRING", "lang=de");
        String doc = "<!--#if expr=\"$QUERY_STRING = /lang=de/\" -->de<!--#elif expr=\"-n $QUERY_STRING\" -->other"
                + "<!--#else -->none<!--#endif -->";
        assertEquals("de", run(doc));
        host.vars.put("QUERY_STRING", "x");
        assertEquals("other", run(doc));
        host.vars.put("QUERY_STRING", "");
        assertEquals("none", run(doc));
    }

    @Test
    void apExprForms() throws IOException {
        host.vars.put("A", "abc");
        assertEquals("1", run("<!--#if expr=\"v('A') == 'abc' && %{A} =~ /^A/i\" -->1<!--#else -->0<!--#endif -->"));
        assertEquals("1", run("<!--#if expr=\"!(-z '${A}') || false\" -->1<!--#else -->0<!--#endif -->"));
        assertEquals("0", run("<!--#if expr=\"'$A' != 'abc'\" -->1<!--#else -->0<!--#endif -->"));
        assertEquals("1", run("<!--#if expr=\"10 -gt 9 && 'b' > 'a'\" -->1<!--#endif -->"));
    }

    @Test
    void nestedConditionalsSkipElementsInFalseBranches() throws IOException {
        String doc = "<!--#if expr=\"false\" --><!--#set var=\"S\" value=\"no\" --><!--#if expr=\"true\" -->x<!--#else -->y"
                + "<!--#endif --><!--#else -->z<!--#endif -->.";
        assertEquals("z.", run(doc));
        assertEquals(null, host.vars.get("S"));
    }

    @Test
    void aBadExpressionIsAnError() throws IOException {
        // as Apache 2.4.71: the broken if is reported and its branches are skipped
        assertEquals(IncludeFilter.DEFAULT_ERROR + ".", run("<!--#if expr=\"'a\" -->x<!--#else -->y<!--#endif -->."));
    }

    @Test
    void printenvListsVariablesEscaped() throws IOException {
        host.vars.clear();
        host.vars.put("K", "<v>");
        String out = run("<!--#printenv -->");
        assertTrue(out.startsWith("K=&lt;v&gt;\nDATE_LOCAL="), out);
    }

    @Test
    void execOnlyWhereAllowed() throws IOException {
        assertEquals("[ran date]", run("[<!--#exec cmd=\"date\" -->]"));
        host.execAllowed = false;
        assertEquals("[" + IncludeFilter.DEFAULT_ERROR + "]", run("[<!--#exec cmd=\"date\" -->]"));
    }

    @Test
    void unknownElementsAndUnterminatedOnesAreErrors() throws IOException {
        assertEquals("a" + IncludeFilter.DEFAULT_ERROR + "b", run("a<!--#nonsense -->b"));
        assertEquals("a" + IncludeFilter.DEFAULT_ERROR, run("a<!--#echo var=\"X\" "));
        assertEquals("a<!--", run("a<!--"));
    }

    @Test
    void otherTagsWhenConfigured() throws IOException {
        IncludeSettings s = new IncludeSettings();
        s.startTag = "[[";
        s.endTag = "]]";
        host.vars.put("X", "y");
        assertEquals("<y> <!--#echo var=\"X\" -->", run("<[[echo var=\"X\" ]]> <!--#echo var=\"X\" -->", s));
    }

    @Test
    void textBeforeAnElementGoesOutBeforeTheInputEnds() throws IOException {
        IncludeFilter f = new IncludeFilter(host, new IncludeSettings(), ZoneOffset.UTC);
        Collector c = new Collector();
        f.filter(Brigade.of(Bucket.data("first <!--#ec")), c);
        assertEquals("first ", c.text());
        f.filter(Brigade.of(Bucket.data("ho var=\"NOPE\" --> then"), Bucket.FLUSH), c);
        assertEquals("[FLUSH after first (none) then]", c.events.toString());
        f.filter(Brigade.of(Bucket.EOS), c);
        assertEquals(1, c.endOfStreams);
    }
}
