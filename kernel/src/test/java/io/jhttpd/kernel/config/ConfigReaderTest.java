package io.jhttpd.kernel.config;

import io.jhttpd.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader against Apache 2.4's read-time behaviour. Unless a test says otherwise, the
 * accepted/rejected outcome and the error wording were checked with Apache 2.4.71 (Debian)
 * via {@code apache-oracle -t}.
 */
class ConfigReaderTest {

    @TempDir
    Path root;

    private final RecordingHooks hooks = new RecordingHooks();
    private final Map<String, String> environment = new HashMap<>();

    // ---------------------------------------------------------------- lines and comments

    @Test
    void hashStartsACommentOnlyAtTheStartOfALine() throws Exception {
        assertEquals("""
                3 Options [None][#][not][a][comment]
                """, render(read("# comment\n   # indented comment\nOptions None # not a comment\n")));
    }

    @Test
    void blankLinesAreIgnoredAndLinesCount() throws Exception {
        assertEquals("""
                3 A [x]
                6 B
                """, render(read("\n  \n A x\n\t\n\n B\n")));
    }

    @Test
    void continuedDirectiveIsOneNodeAtItsFirstLine() throws Exception {
        List<ConfigNode> nodes = read("DocumentRoot /a\\\nb\nServerAlias a \\\n    b\nNext\n");
        assertEquals("""
                1 DocumentRoot [/ab]
                3 ServerAlias [a][b]
                5 Next
                """, render(nodes));
        assertEquals("a     b", nodes.get(1).rawArgs());
    }

    @Test
    void continuedCommentSwallowsTheNextLine() throws Exception {
        assertEquals("3 B\n", render(read("# comment \\\nError \"continued comment\"\nB\n")));
    }

    @Test
    void crlfLineEndsAreAccepted() throws Exception {
        assertEquals("""
                1 A [b]
                2 C [de]
                """, render(read("A b\r\nC d\\\r\ne\r\n")));
    }

    @Test
    void quotedArgumentsAreUnquotedAndRawArgsKeepTheText() throws Exception {
        ConfigNode node = read("LogFormat \"%h \\\"%r\\\"\" combined\n").get(0);
        assertEquals(List.of("%h \"%r\"", "combined"), node.args());
        assertEquals("\"%h \\\"%r\\\"\" combined", node.rawArgs());
    }

    @Test
    void namesAreKeptAsWrittenAndReadTimeDirectivesMatchWithoutCase() throws Exception {
        write("inc.conf", "Listen 80\n");
        assertEquals("""
                1 documentROOT [/x]
                1 Listen [80]
                """, render(read("documentROOT /x\ninclude inc.conf\n")));
    }

    @Test
    void lineOfOnlyAnEmptyQuotedWordIsIgnored() throws Exception {
        assertEquals("2 After\n", render(read("\"\"\nAfter\n")));
    }

    // ---------------------------------------------------------------- sections

    @Test
    void sectionsNestWithArgumentsUpToTheClosingBracket() throws Exception {
        List<ConfigNode> nodes = read("""
                <VirtualHost *:80>
                    ServerName a.example
                    <Directory "/srv/a b">
                        Options -Indexes
                    </Directory>
                    <Location />
                    </Location>
                </VirtualHost>
                """);
        assertEquals("""
                1 <VirtualHost> [*:80]
                  2 ServerName [a.example]
                  3 <Directory> [/srv/a b]
                    4 Options [-Indexes]
                  6 <Location> [/]
                """, render(nodes));
        ConfigNode directory = nodes.get(0).children().get(1);
        assertEquals("\"/srv/a b\"", directory.rawArgs());
        assertTrue(directory.isSection());
        assertEquals(root.resolve("httpd.conf") + ":3", directory.location());
    }

    @Test
    void sectionNamesAreComparedWithoutCase() throws Exception {
        assertEquals("1 <directory> [/tmp]\n", render(read("<directory /tmp>\n</DIRECTORY>\n")));
    }

    @Test
    void sectionArgumentsEndAtTheLastBracketAndTextAfterItIsIgnored() throws Exception {
        ConfigReader reader = reader();
        List<ConfigNode> nodes = reader.readText("<Directory \"/a>b\"> junk\n</Directory>\n", "t");
        assertEquals("1 <Directory> [/a>b]\n", render(nodes));
        assertEquals(List.of("t:1: text after '>' of <Directory> ignored: junk"), reader.warnings());
    }

    @Test
    void sectionWithoutArgumentsIsLeftToTheKernel() throws Exception {
        ConfigNode node = read("<Directory>\n</Directory>\n").get(0);
        assertEquals(List.of(), node.args());
        assertEquals("", node.rawArgs());
    }

    @Test
    void closingTagMayBeFollowedByText() throws Exception {
        assertEquals("1 <Directory> [/tmp]\n3 After\n", render(read("<Directory /tmp>\n</Directory> junk\nAfter\n")));
    }

    @Test
    void mismatchedCloseNamesBoth() {
        assertError(3, "Expected </Directory> but saw </Location>", "<Directory /a>\n  Options None\n</Location>\n");
    }

    @Test
    void unclosedSectionIsReportedAtItsOpeningLine() {
        assertError(2, "<Directory> was not closed.", "\n<Directory /tmp>\nOptions None\n");
    }

    @Test
    void innermostUnclosedSectionIsReported() {
        assertError(2, "<Directory> was not closed.", "<VirtualHost *:80>\n<Directory /tmp>\n");
    }

    @Test
    void strayClosingTagIsAnError() {
        assertError(1, "</Directory> without matching <Directory> section", "</Directory>\n");
    }

    @Test
    void openingTagWithoutBracketIsAnError() {
        assertError(1, "<Directory> directive missing closing '>'", "<Directory /tmp\n</Directory>\n");
        assertError(1, "<Directory> directive missing closing '>'", "<Directory> /tmp\n</Directory>\n");
    }

    @Test
    void closingTagWithoutBracketIsAnError() {
        assertError(2, "</Directory> directive missing closing '>'", "<Directory /tmp>\n</Directory junk>\n");
        assertError(2, "</Directory> directive missing closing '>'", "<Directory /tmp>\n</Directory >\n");
    }

    @Test
    void bracketWithoutNameIsAnError() {
        // Apache makes a section named "" and fails later (Invalid command '<'); we fail at once.
        assertError(1, "Syntax error: a section name must follow '<'", "<>\n</>\n");
    }

    @Test
    void includedFileMustCloseItsOwnSections() throws Exception {
        write("open.conf", "<VirtualHost *:80>\n");
        ConfigError error = assertThrows(ConfigError.class, () -> read("Include open.conf\n</VirtualHost>\n"));
        assertEquals(root.resolve("open.conf"), error.file());
        assertEquals(1, error.line());
        assertEquals("<VirtualHost> was not closed.", error.detail());
    }

    // ---------------------------------------------------------------- Define and ${VAR}

    @Test
    void defineSetsVariablesAndIsNotANode() throws Exception {
        ConfigReader reader = reader();
        List<ConfigNode> nodes = reader.readText("Define ROOT /srv/www\nDocumentRoot ${ROOT}/htdocs\n", "t");
        assertEquals("2 DocumentRoot [/srv/www/htdocs]\n", render(nodes));
        assertEquals("/srv/www/htdocs", nodes.get(0).rawArgs());
        assertEquals("/srv/www", reader.defines().get("ROOT"));
    }

    @Test
    void variableIsExpandedInTheWholeLineBeforeSplitting() throws Exception {
        assertEquals("""
                2 ServerAlias [a][b][c]
                4 <Directory> [/tmp]
                """, render(read("""
                Define V "a b"
                ServerAlias ${V} c
                Define S "<Directory /tmp>"
                ${S}
                </Directory>
                """)));
    }

    @Test
    void defineValueLookupIgnoresCaseButIfDefineDoesNot() throws Exception {
        assertEquals("2 DocumentRoot [/ahellob]\n",
                render(read("Define X hello\nDocumentRoot /a${x}b\n<IfDefine x>\nInside\n</IfDefine>\n")));
    }

    @Test
    void undefinedVariableStaysAndWarns() throws Exception {
        ConfigReader reader = reader();
        List<ConfigNode> nodes = reader.readText("DocumentRoot /a${NOPE}b\nRewriteRule ^ ${map:key}\nX /${}x\n", "t");
        assertEquals("""
                1 DocumentRoot [/a${NOPE}b]
                2 RewriteRule [^][${map:key}]
                3 X [/${}x]
                """, render(nodes));
        assertEquals(List.of("t:1: Config variable ${NOPE} is not defined", "t:3: Config variable ${} is not defined"),
                reader.warnings());
    }

    @Test
    void environmentIsTheFallbackAndDefineWins() throws Exception {
        environment.put("HOME", "/home/u");
        environment.put("OTHER", "/o");
        assertEquals("1 A [/home/u][/o]\n3 B [mine]\n",
                render(read("A ${HOME} ${OTHER}\nDefine HOME mine\nB ${HOME}\n")));
    }

    @Test
    void dollarWithoutBraceOrClosingBraceIsLiteral() throws Exception {
        assertEquals("2 A [/$abx][${X]\n", render(read("Define X ab\nA /$${X}x ${X\n")));
    }

    @Test
    void commandLineDefinesWithoutValueAreNotVariables() throws Exception {
        ConfigReader reader = new ConfigReader(root, mapOf("X", null, "Y", "", "Z", "zv"), hooks, environment::get);
        List<ConfigNode> nodes = reader.readText("<IfDefine X>\nA ${X} ${Y} ${Z}\n</IfDefine>\n", "t");
        assertEquals("2 A [${X}][${Y}][zv]\n", render(nodes));
    }

    @Test
    void emptyDefineValueMeansNoValue() throws Exception {
        ConfigReader reader = reader();
        assertEquals("2 A [${X}]\n", render(reader.readText("Define X \"\"\nA ${X}\n", "t")));
        assertTrue(reader.defines().containsKey("X"));
    }

    @Test
    void undefineRemovesDefinesFromTheCommandLineAndFromDefine() throws Exception {
        ConfigReader reader = new ConfigReader(root, mapOf("X", null), hooks, environment::get);
        List<ConfigNode> nodes = reader.readText("""
                Define V 1
                UnDefine X
                Undefine V
                UnDefine NEVER
                <IfDefine X>
                Still
                </IfDefine>
                A ${V}
                """, "t");
        assertEquals("8 A [${V}]\n", render(nodes));
        assertEquals(Map.of(), reader.defines());
    }

    @Test
    void defineErrorsUseApacheWording() {
        String arity = "Define takes 1-2 arguments, Define a variable, optionally to a value.  "
                + "Same as passing -D to the command line.";
        assertError(1, arity, "Define\n");
        assertError(1, arity, "Define A B C\n");
        assertError(2, arity, "Define X \"a b\"\nDefine Y ${X}\n");
        assertError(1, "Variable name must not contain ':'", "Define a:b\n");
        assertError(1, "Variable name must not contain ':'", "UnDefine a:b\n");
        assertError(1, "UnDefine takes one argument, Undefine the existence of a variable. Undo a Define.", "UnDefine\n");
    }

    @Test
    void defineWorksInsideSectionsAndConditionals() throws Exception {
        assertEquals("""
                1 <VirtualHost> [*:80]
                9 Both
                """, render(read("""
                <VirtualHost *:80>
                Define A
                </VirtualHost>
                <IfDefine !NOPE>
                Define B
                </IfDefine>
                <IfDefine A>
                <IfDefine B>
                Both
                </IfDefine>
                </IfDefine>
                """)));
    }

    // ---------------------------------------------------------------- conditional sections

    @Test
    void ifDefineSplicesItsContentsInPlace() throws Exception {
        ConfigReader reader = new ConfigReader(root, mapOf("SSL", null), hooks, environment::get);
        assertEquals("""
                1 <VirtualHost> [*:443]
                  3 SSLEngine [on]
                  8 Other
                """, render(reader.readText("""
                <VirtualHost *:443>
                  <IfDefine SSL>
                  SSLEngine on
                  </IfDefine>
                  <IfDefine !SSL>
                  Never
                  </IfDefine>
                  Other
                </VirtualHost>
                """, "t")));
    }

    @Test
    void ifDefineTestsOnlyTheFirstUnquotedWord() throws Exception {
        ConfigReader reader = new ConfigReader(root, mapOf("X", null), hooks, environment::get);
        List<ConfigNode> nodes = reader.readText("""
                <IfDefine "X">
                Quoted
                </IfDefine>
                <IfDefine X junk>
                Junk
                </IfDefine>
                <IfDefine ! X>
                SpaceAfterNot
                </IfDefine>
                <IfDefine !!X>
                DoubleNot
                </IfDefine>
                """, "t");
        assertEquals("2 Quoted\n5 Junk\n11 DoubleNot\n", render(nodes));
        assertEquals(List.of("t:4: <IfDefine> tests only its first argument; ignored: junk"), reader.warnings());
    }

    @Test
    void conditionalNamesIgnoreCase() throws Exception {
        assertEquals("2 Inside\n", render(read("<ifdefine !NOPE>\nInside\n</IFDEFINE>\n")));
    }

    @Test
    void conditionalWithoutArgumentIsAnError() {
        assertError(1, "<IfDefine> directive requires additional arguments", "<IfDefine>\n</IfDefine>\n");
        assertError(1, "<IfDefine> directive requires additional arguments", "<IfDefine !>\n</IfDefine>\n");
        assertError(1, "<IfFile> directive requires additional arguments", "<IfFile \"\">\n</IfFile>\n");
    }

    @Test
    void conditionalWithoutBracketIsAnError() {
        assertError(1, "<IfModule> directive missing closing '>'", "<IfModule rewrite_module\n</IfModule>\n");
    }

    @Test
    void ifModuleAsksTheHooks() throws Exception {
        hooks.modules.add("mod_rewrite.c");
        assertEquals("2 RewriteEngine [on]\n8 NoSsl\n", render(read("""
                <IfModule mod_rewrite.c>
                RewriteEngine on
                </IfModule>
                <IfModule ssl_module>
                SSLEngine on
                </IfModule>
                <IfModule !ssl_module>
                NoSsl
                </IfModule>
                """)));
        assertEquals(List.of("module mod_rewrite.c", "module ssl_module", "module ssl_module"), hooks.asked);
    }

    @Test
    void ifDirectiveKnowsTheReadersOwnDirectivesAndAsksForTheRest() throws Exception {
        hooks.directives.add("DocumentRoot");
        assertEquals("2 A\n5 B\n11 D\n", render(read("""
                <IfDirective Include>
                A
                </IfDirective>
                <IfDirective documentroot>
                B
                </IfDirective>
                <IfDirective RewriteEngine>
                C
                </IfDirective>
                <IfDirective <IfDefine>
                D
                </IfDirective>
                """)));
        assertEquals(List.of("directive documentroot", "directive RewriteEngine"), hooks.asked);
    }

    @Test
    void ifSectionAsksForTheSectionDirective() throws Exception {
        hooks.directives.add("<Directory");
        assertEquals("2 A\n5 B\n", render(read("""
                <IfSection Directory>
                A
                </IfSection>
                <IfSection IfDefine>
                B
                </IfSection>
                <IfSection Proxy>
                C
                </IfSection>
                """)));
        assertEquals(List.of("directive <Directory", "directive <Proxy"), hooks.asked);
    }

    @Test
    void ifFileResolvesAgainstTheCurrentServerRoot() throws Exception {
        write("present.txt", "");
        write("sub/inner.txt", "");
        assertEquals("2 A\n5 B\n7 ServerRoot [sub]\n9 C\n", render(read("""
                <IfFile present.txt>
                A
                </IfFile>
                <IfFile !missing.txt>
                B
                </IfFile>
                ServerRoot sub
                <IfFile "inner.txt">
                C
                </IfFile>
                """)));
    }

    @Test
    void falseSectionIsSkippedUnreadButMustBeWellFormed() throws Exception {
        ConfigReader reader = reader();
        List<ConfigNode> nodes = reader.readText("""
                <IfDefine NOPE>
                Bogus directive ${UNDEFINED}
                Include /no/such/file
                <Directory /x>
                  More bogus
                </Directory>
                <Foo
                </Foo>
                #<Unpaired>
                </IfDefine>
                After
                """, "t");
        assertEquals("11 After\n", render(nodes));
        assertEquals(List.of(), reader.warnings());
    }

    @Test
    void falseSectionWithUnbalancedNestingIsAnError() {
        assertError(3, "Expected </Directory> but saw </IfDefine>", "<IfDefine NOPE>\n<Directory /x>\n</IfDefine>\n");
        assertError(2, "Expected </IfDefine> but saw </Directory>", "<IfDefine NOPE>\n</Directory>\n</IfDefine>\n");
        assertError(2, "</IfDefine> directive missing closing '>'", "<IfDefine NOPE>\n</IfDefine junk>\n");
    }

    @Test
    void falseSectionNotClosedIsReportedAtItsOpeningLine() {
        assertError(2, "Expected </IfDefine> before end of configuration",
                "A\n<IfDefine NOPE>\n<Directory /x>\n</Directory>\n");
    }

    @Test
    void trueSectionNotClosedIsAcceptedWithAWarningAsApacheDoes() throws Exception {
        ConfigReader reader = reader();
        assertEquals("2 Inside\n", render(reader.readText("<IfDefine !NOPE>\nInside\n", "t")));
        assertEquals(List.of("t:1: <IfDefine> was not closed; its contents were read to the end of the file, as Apache does"),
                reader.warnings());
    }

    @Test
    void trueSectionMustBeClosedByExactlyItsTag() {
        assertError(2, "</IfDefine> without matching <IfDefine> section", "<IfDefine !NOPE>\n</IfDefine> junk\n");
        assertError(2, "</IfDefine> without matching <IfDefine> section", "<IfDefine !NOPE>\n</IfDefine >\n");
        assertError(2, "</Directory> without matching <Directory> section", "<IfDefine !NOPE>\n</Directory>\n</IfDefine>\n");
    }

    @Test
    void conditionalAndSectionsMustNestProperly() {
        assertError(3, "Expected </Directory> but saw </IfDefine>", "<IfDefine !NOPE>\n<Directory /x>\n</IfDefine>\n");
    }

    // ---------------------------------------------------------------- Include

    @Test
    void includeSplicesFilesSortedByNameInPlace() throws Exception {
        write("conf.d/b.conf", "B 1\n");
        write("conf.d/a.conf", "\nA 1\nA 2\n");
        write("conf.d/B.conf", "UpperB\n");
        write("conf.d/.hidden.conf", "Hidden\n");
        write("conf.d/readme.txt", "Text\n");
        List<ConfigNode> nodes = read("<VirtualHost *:80>\nInclude conf.d/*.conf\nAfter\n</VirtualHost>\n");
        assertEquals("""
                1 <VirtualHost> [*:80] httpd.conf
                  1 UpperB [] B.conf
                  2 A [1] a.conf
                  3 A [2] a.conf
                  1 B [1] b.conf
                  3 After [] httpd.conf
                """, renderWithFiles(nodes));
    }

    @Test
    void includeOfADirectoryReadsEveryFileInItRecursively() throws Exception {
        write("dir/b", "B\n");
        write("dir/.dot", "Dot\n");
        write("dir/a/z.conf", "AZ\n");
        write("dir/c.conf~", "Backup\n");
        assertEquals("1 Dot\n1 AZ\n1 B\n1 Backup\n", render(read("Include dir\n")));
    }

    @Test
    void wildcardsMayStandInDirectoryComponents() throws Exception {
        write("sites/one/conf/x.conf", "One\n");
        write("sites/two/conf/x.conf", "Two\n");
        write("sites/two/conf/y.txt", "NotMatched\n");
        write("sites/three/other.conf", "NoConfDir\n");
        write("sites/file", "NotADirectory\n");
        assertEquals("1 One\n1 Two\n", render(read("IncludeOptional sites/*/conf/*.conf\n")));
    }

    @Test
    void directoryComponentThatIsAFileFailsEvenForIncludeOptional() throws Exception {
        write("sites/one/conf", "NotADirectory\n");
        assertError(1, "Include/IncludeOptional: Could not open directory " + root.resolve("sites/one/conf")
                + ": Not a directory", "IncludeOptional sites/*/conf/*.conf\n");
    }

    @Test
    void wildcardDirectoryComponentSkipsSymbolicLinksAsApacheDoes() throws Exception {
        write("sites/real/x.conf", "Real\n");
        write("elsewhere/x.conf", "ViaLink\n");
        Files.createSymbolicLink(root.resolve("sites/link"), root.resolve("elsewhere"));
        assertEquals("1 Real\n", render(read("Include sites/*/x.conf\n")));
        assertEquals("1 ViaLink\n1 Real\n", render(read("Include sites/*\n")));
    }

    @Test
    void bracketAndQuestionMarkPatternsMatchButNotLeadingDots() throws Exception {
        write("p/.x.conf", "Dot\n");
        write("p/x.conf", "X\n");
        write("p/y.conf", "Y\n");
        assertEquals("1 X\n", render(read("Include p/[!y].conf\n")));
        assertEquals("1 Y\n", render(read("Include p/[^x].conf\n")));
        assertEquals("1 X\n1 Y\n", render(read("Include p/?.conf\n")));
        assertEquals("1 Dot\n", render(read("Include p/.*.conf\n")));
        assertError(1, "Include/IncludeOptional: No matches for the wildcard '?x.conf' in '" + root.resolve("p")
                + "', failing", "Include p/?x.conf\n");
    }

    @Test
    void includeWithoutMatchesIsAnErrorAtTheIncludeLine() {
        assertError(2, "Include/IncludeOptional: No matches for the wildcard '*.none' in '" + root + "', failing",
                "A\nInclude *.none\n");
    }

    @Test
    void includeOfAMissingDirectoryOrFileIsAnError() {
        assertError(1, "Include/IncludeOptional: Could not open directory " + root.resolve("nodir")
                + ": No such file or directory", "Include nodir/*.conf\n");
        assertError(1, "Could not open configuration file " + root.resolve("missing.conf")
                + ": No such file or directory", "Include missing.conf\n");
    }

    @Test
    void includeOptionalSilentlyReadsNothing() throws Exception {
        write("d/only.txt", "X\n");
        assertEquals("4 After\n", render(read("""
                IncludeOptional d/*.conf
                IncludeOptional nodir/*.conf
                IncludeOptional missing.conf
                After
                """)));
    }

    @Test
    void wildcardDirectoryWithMissingFileFailsForInclude() throws Exception {
        write("w/a/other.conf", "X\n");
        assertError(1, "Could not open configuration file " + root.resolve("w/a/x.conf")
                + ": No such file or directory", "Include w/*/x.conf\n");
    }

    @Test
    void symbolicLinkLoopInAnIncludedDirectoryIsAnError() throws Exception {
        write("loop/a.conf", "A\n");
        Files.createSymbolicLink(root.resolve("loop/self"), root.resolve("loop"));
        ConfigError error = assertThrows(ConfigError.class, () -> read("Include loop\n"));
        assertEquals(1, error.line());
        assertTrue(error.detail().startsWith("Could not open configuration file " + root.resolve("loop/self/self/self")),
                error.detail());
        assertTrue(error.detail().endsWith(": Too many levels of symbolic links"), error.detail());
    }

    @Test
    void includeArgumentsAreCounted() {
        assertError(1, "Include takes one argument, Name(s) of the config file(s) to be included; fails if the "
                + "wildcard does not match at least one file", "Include\n");
        assertError(1, "Include takes one argument, Name(s) of the config file(s) to be included; fails if the "
                + "wildcard does not match at least one file", "Include a b\n");
        assertError(1, "IncludeOptional takes one argument, Name or pattern of the config file(s) to be included; "
                + "ignored if the file does not exist or the pattern does not match any files", "IncludeOptional\n");
    }

    @Test
    void includeRecursionIsStoppedAfter128Levels() throws Exception {
        write("loop.conf", "A\nInclude loop.conf\n");
        ConfigError error = assertThrows(ConfigError.class, () -> read("Include loop.conf\n"));
        assertEquals(root.resolve("loop.conf"), error.file());
        assertEquals(2, error.line());
        assertEquals("Exceeded maximum include depth of 128, There appears to be a recursion.", error.detail());
    }

    @Test
    void exactly128NestedIncludesAreAllowed() throws Exception {
        // httpd.conf includes 1.conf, 1.conf includes 2.conf, ... 127.conf includes 128.conf.
        for (int i = 1; i < 128; i++) {
            write("deep/" + i + ".conf", "Include deep/" + (i + 1) + ".conf\n");
        }
        write("deep/128.conf", "Bottom\n");
        assertEquals("1 Bottom\n", render(read("Include deep/1.conf\n")));
        write("deep/128.conf", "Include deep/129.conf\n");
        write("deep/129.conf", "Bottom\n");
        ConfigError error = assertThrows(ConfigError.class, () -> read("Include deep/1.conf\n"));
        assertEquals(root.resolve("deep/128.conf"), error.file());
    }

    @Test
    void errorsInsideAnIncludedFileNameThatFile() throws Exception {
        write("bad.conf", "A\n<Directory /x>\n</Location>\n");
        ConfigError error = assertThrows(ConfigError.class, () -> read("Include bad.conf\n"));
        assertEquals(root.resolve("bad.conf") + ":3: Expected </Directory> but saw </Location>", error.getMessage());
    }

    @Test
    void definesAndServerRootFromIncludedFilesLastAfterThem() throws Exception {
        write("vars.conf", "Define WHERE there\nServerRoot sub\n");
        write("sub/inner.conf", "Inner ${WHERE}\n");
        assertEquals("2 ServerRoot [sub]\n2 X [there]\n1 Inner [there]\n",
                render(read("Include vars.conf\nX ${WHERE}\nInclude inner.conf\n")));
    }

    // ---------------------------------------------------------------- ServerRoot and LoadModule

    @Test
    void serverRootIsAppliedAtOnceAndKeptAsANode() throws Exception {
        write("a/b/x.conf", "X\n");
        ConfigReader reader = reader();
        List<ConfigNode> nodes = reader.read(write("httpd.conf", "ServerRoot a\nServerRoot \"b\"\nInclude x.conf\n"));
        assertEquals("1 ServerRoot [a]\n2 ServerRoot [b]\n1 X\n", render(nodes));
        assertEquals(root.resolve("a/b"), reader.serverRoot());
    }

    @Test
    void serverRootMustBeADirectory() {
        assertError(1, "ServerRoot must be a valid directory", "ServerRoot /nonexistent/dir\n");
        assertError(1, "ServerRoot takes one argument, Common directory of server-related files (logs, confs, etc.)",
                "ServerRoot a b\n");
    }

    @Test
    void loadModuleRunsWhenReadAndIsKeptAsANode() throws Exception {
        List<ConfigNode> nodes = read("""
                <IfModule rewrite_module>
                Before
                </IfModule>
                LoadModule rewrite_module "modules/mod rewrite.jar"
                <IfModule rewrite_module>
                After
                </IfModule>
                """);
        assertEquals("4 LoadModule [rewrite_module][modules/mod rewrite.jar]\n6 After\n", render(nodes));
        assertEquals(List.of("rewrite_module modules/mod rewrite.jar httpd.conf:4"), hooks.loaded);
    }

    @Test
    void loadModuleFailureBecomesAnErrorAtItsLine() {
        assertError(2, "Cannot load x.jar into server", "A\nLoadModule broken_module x.jar\n");
        assertError(1, "LoadModule takes two arguments, a module name and the name of a shared object file to load it from",
                "LoadModule a\n");
    }

    // ---------------------------------------------------------------- files, text, .htaccess

    @Test
    void missingTopLevelFileIsAnErrorAtLineZero() {
        Path missing = root.resolve("nope.conf");
        ConfigError error = assertThrows(ConfigError.class, () -> reader().read(missing));
        assertEquals(0, error.line());
        assertEquals(missing + ": Could not open configuration file " + missing + ": No such file or directory",
                error.getMessage());
    }

    @Test
    void relativeTopLevelFileResolvesAgainstServerRoot() throws Exception {
        write("conf/httpd.conf", "A\n");
        List<ConfigNode> nodes = reader().read(Path.of("conf/httpd.conf"));
        assertEquals(root.resolve("conf/httpd.conf"), nodes.get(0).file());
    }

    @Test
    void textIsReadUnderItsPseudoName() {
        ConfigError error = assertThrows(ConfigError.class, () -> reader().readText("A\n</X>\n", "-c/-C directives"));
        assertEquals("-c/-C directives:2: </X> without matching <X> section", error.getMessage());
    }

    @Test
    void htaccessRejectsServerOnlyReadTimeDirectives() throws Exception {
        Path htaccess = write(".htaccess", "<IfDefine !NOPE>\nOptions None\n</IfDefine>\n");
        assertEquals("2 Options [None]\n", render(reader().readHtaccess(htaccess)));
        for (String directive : List.of("Include x", "IncludeOptional x", "Define X", "UnDefine X", "ServerRoot /",
                "LoadModule a b")) {
            write(".htaccess", "\n" + directive + "\n");
            ConfigError error = assertThrows(ConfigError.class, () -> reader().readHtaccess(htaccess));
            assertEquals(htaccess + ":2: " + directive.split(" ")[0] + " not allowed here", error.getMessage());
        }
    }

    @Test
    void byteOrderMarkIsDroppedWithAWarning() throws Exception {
        Path file = root.resolve("bom.conf");
        Files.write(file, "\uFEFFServerName x\n".getBytes(StandardCharsets.UTF_8));
        ConfigReader reader = reader();
        assertEquals("1 ServerName [x]\n", render(reader.read(file)));
        assertEquals(1, reader.warnings().size());
    }

    @Test
    void configErrorFormatsItsPlace() {
        ConfigError error = new ConfigError(Path.of("/etc/httpd.conf"), 12, "<Directory> was not closed.");
        assertEquals("/etc/httpd.conf:12: <Directory> was not closed.", error.getMessage());
        assertEquals("<Directory> was not closed.", error.detail());
        assertTrue(error instanceof ConfigException);
    }

    // ---------------------------------------------------------------- support

    private ConfigReader reader() {
        return new ConfigReader(root, Map.of(), hooks, environment::get);
    }

    private List<ConfigNode> read(String content) throws ConfigError, IOException {
        return reader().read(write("httpd.conf", content));
    }

    private Path write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private void assertError(int line, String detail, String content) {
        ConfigError error = assertThrows(ConfigError.class, () -> read(content));
        assertEquals(root.resolve("httpd.conf") + ":" + line + ": " + detail, error.getMessage());
        assertEquals(line, error.line());
        assertEquals(detail, error.detail());
    }

    private static Map<String, String> mapOf(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** One line per node: {@code line name [arg][arg]}, sections in brackets, children indented. */
    static String render(List<ConfigNode> nodes) {
        StringBuilder out = new StringBuilder();
        render(nodes, "", false, out);
        return out.toString();
    }

    private static String renderWithFiles(List<ConfigNode> nodes) {
        StringBuilder out = new StringBuilder();
        render(nodes, "", true, out);
        return out.toString();
    }

    private static void render(List<ConfigNode> nodes, String indent, boolean files, StringBuilder out) {
        for (ConfigNode node : nodes) {
            out.append(indent).append(node.line()).append(' ')
                    .append(node.isSection() ? "<" + node.name() + ">" : node.name());
            String args = node.args().stream().map(a -> "[" + a + "]").collect(Collectors.joining());
            if (!args.isEmpty() || files) {
                out.append(' ').append(files && args.isEmpty() ? "[]" : args);
            }
            if (files) {
                out.append(' ').append(node.file().getFileName());
            }
            out.append('\n');
            render(node.children(), indent + "  ", files, out);
        }
    }

    /** Hooks that answer from sets and record what they were asked. */
    static final class RecordingHooks implements ConfigReader.ReadTimeHooks {
        final Set<String> modules = new HashSet<>();
        final Set<String> directives = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> asked = new ArrayList<>();
        final List<String> loaded = new ArrayList<>();

        @Override
        public boolean isModuleLoaded(String name) {
            asked.add("module " + name);
            return modules.contains(name);
        }

        @Override
        public void loadModule(String name, String path, Path file, int line) throws ConfigException {
            if (name.equals("broken_module")) {
                throw new ConfigException("Cannot load " + path + " into server");
            }
            loaded.add(name + " " + path + " " + file.getFileName() + ":" + line);
            modules.add(name);
        }

        @Override
        public boolean isDirectiveKnown(String name) {
            asked.add("directive " + name);
            return directives.contains(name);
        }
    }
}
