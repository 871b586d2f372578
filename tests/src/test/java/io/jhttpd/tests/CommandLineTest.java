package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.kernel.launch.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code httpd} command ({@code Main.run}) with captured output: {@code -t}, {@code -M},
 * {@code -v}, {@code -V}, {@code -h}, {@code -D}, {@code -C}/{@code -c}, unknown flags, and
 * configuration errors reported as {@code file:line: message} (Apache says the same things as
 * "Syntax error on line N of FILE: message"; the messages below were checked against Apache 2.4.71).
 */
class CommandLineTest {

    @TempDir
    Path root;

    /** What one run of the command printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    private static Run httpd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code httpd -d root -f conf/httpd.conf} followed by {@code args}. */
    private Run httpdOn(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", root.toString(), "-f", "conf/httpd.conf"));
        all.addAll(List.of(args));
        return httpd(all.toArray(new String[0]));
    }

    /** The line number in conf/httpd.conf of line {@code n} (1-based) of the extra configuration. */
    private static int line(int n) {
        return TestServer.BASE_CONFIG_LINES + n;
    }

    private String conf() {
        return root.resolve("conf/httpd.conf").toString();
    }

    // ---- -t ------------------------------------------------------------------------------------

    @Test
    void syntaxOkOnAGoodConfiguration() throws Exception {
        Files.createDirectories(root.resolve("conf/extra"));
        Files.writeString(root.resolve("conf/extra/vhosts.conf"), String.join("\n",
                "<VirtualHost *>",
                "  ServerName a.example",
                "  ServerAlias *.a.example",
                "  DocumentRoot \"" + root.resolve("htdocs") + "\"",
                "</VirtualHost>", ""));
        TestServer.writeConfig(root, String.join("\n",
                "Define EXTRA conf/extra",
                "Include ${EXTRA}/*.conf",
                "IncludeOptional conf/none/*.conf",
                "Timeout 30",
                "ErrorDocument 404 \"gone",
                "<Directory \"" + root.resolve("htdocs") + "\">",
                "  Options -FollowSymLinks +SymLinksIfOwnerMatch",
                "  <Files \"*.secret\">",
                "    Require all denied",
                "  </Files>",
                "</Directory>",
                "<DirectoryMatch \"/private[0-9]+\">",
                "  Require all denied",
                "</DirectoryMatch>",
                "<Location /echo>",
                "  SetHandler echo",
                "</Location>",
                "<LocationMatch \"^/x\">",
                "  AcceptPathInfo On",
                "</LocationMatch>",
                "<IfModule log_config_module>",
                "  LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common",
                "  CustomLog logs/access_log common",
                "</IfModule>",
                "<IfModule mod_mime.c>",
                "  AddType text/x-test .tst",
                "</IfModule>",
                "<IfModule dir_module>",
                "  DirectoryIndex index.html index.txt",
                "</IfModule>"));
        Run r = httpdOn("-t");
        assertEquals("Syntax OK" + System.lineSeparator(), r.err(), r.toString());
        assertEquals("", r.out());
        assertEquals(0, r.exit());
        assertTrue(Files.notExists(root.resolve("logs/access_log")), "-t opens no log");
    }

    static Stream<Arguments> brokenConfigurations() {
        return Stream.of(
                // Apache: Invalid command 'Bogus', perhaps misspelled or defined by a module not included in the server configuration
                Arguments.of("unknown directive", "Timeout 5\nBogus on", 2,
                        "Invalid command 'Bogus', perhaps misspelled or defined by a module not included in the server configuration"),
                // Apache: ServerName takes one argument, The hostname and port of the server
                Arguments.of("wrong argument count", "ServerName a.example b.example", 1, "ServerName takes one argument"),
                Arguments.of("too few arguments", "Timeout 5\n\nErrorDocument 404", 3, "ErrorDocument"),
                // Apache: /path/httpd.conf:N: <Directory> was not closed.  (N = the opening line)
                Arguments.of("unclosed section", "Timeout 5\n<Directory /tmp>\n  Options None\n", 2, "<Directory> was not closed."),
                Arguments.of("mismatched close", "<Directory /tmp>\n  Options None\n</Location>", 3,
                        "Expected </Directory> but saw </Location>"),
                // Apache: Could not open configuration file /path/conf/missing.conf: No such file or directory
                Arguments.of("missing Include", "Timeout 5\nInclude conf/missing.conf", 2, "Could not open configuration file "),
                // Apache: Include/IncludeOptional: No matches for the wildcard '*.conf' in '/path/conf', failing
                Arguments.of("Include pattern matching nothing", "Include conf/*.nothing", 1, "No matches for the wildcard"),
                Arguments.of("bad Listen port", "Listen 127.0.0.1:http", 1, "Listen"),
                Arguments.of("Listen port out of range", "Listen 70000", 1, "Listen"),
                Arguments.of("ListenBacklog not a number", "ListenBacklog many", 1, "ListenBacklog must be a number, not 'many'"),
                Arguments.of("ListenBacklog zero", "ListenBacklog 0", 1, "ListenBacklog must be between 1 and 2147483647, not 0"),
                // Apache: Listen not allowed in <Directory> context
                Arguments.of("Listen inside <Directory>", "<Directory /tmp>\n  Listen 8080\n</Directory>", 2,
                        "Listen not allowed in <Directory> context"),
                // Apache: <VirtualHost not allowed in <Directory> context
                Arguments.of("<VirtualHost> inside <Directory>", "<Directory /tmp>\n<VirtualHost *>\n</VirtualHost>\n</Directory>", 2,
                        "<VirtualHost"),
                Arguments.of("DocumentRoot inside <Location>", "<Location />\n  DocumentRoot /tmp\n</Location>", 2,
                        "DocumentRoot not allowed in <Location> context"),
                Arguments.of("bad Options", "<Directory /tmp>\n  Options +Indexes FollowSymLinks\n</Directory>", 2,
                        "Either all Options must start with + or -, or no Option may."),
                Arguments.of("bad flag", "KeepAlive maybe", 1, "KeepAlive must be On or Off"),
                // Apache: <Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope
                Arguments.of("<Else> without <If>", "Timeout 5\n<Else>\n</Else>", 2,
                        "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope"),
                Arguments.of("<ElseIf> after <Else>", "<If \"true\">\n</If>\n<Else>\n</Else>\n<ElseIf \"true\">\n</ElseIf>", 5,
                        "without previous <If> or <ElseIf>"),
                Arguments.of("bad <If> expression", "<If \"%{NOPE} == 'x'\">\n</If>", 1,
                        "Cannot parse condition clause: unknown variable %{NOPE} in: %{NOPE} == 'x'"),
                Arguments.of("unquoted <If> expression", "<If %{HTTP_HOST} == 'x'>\n</If>", 1, "takes one expression, quoted as a whole"),
                Arguments.of("Listen inside <If>", "<If \"true\">\n  Listen 8080\n</If>", 2, "Listen not allowed in <If> context"),
                // Apache: Header requires three arguments
                Arguments.of("Header without a value", "Header set X-A", 1, "Header requires three arguments"),
                Arguments.of("Header with a bad format", "Timeout 5\nHeader set X-A \"%q\"", 2, "Unrecognized header format %q"),
                // Apache: negative Require directive has no effect in <RequireAny> directive
                Arguments.of("Require not alone", "<Directory /tmp>\n  Require not ip 10.1.2.3\n</Directory>", 2,
                        "negative Require directive has no effect in <RequireAny> directive"),
                Arguments.of("<RequireAll> of negative lines only", "<Directory /tmp>\n<RequireAll>\n  Require not ip 10.1.2.3\n"
                        + "</RequireAll>\n</Directory>", 2, "<RequireAll> directive contains only negative authorization directives"),
                Arguments.of("bad Require ip", "<Directory /tmp>\n  Require ip www.example.com\n</Directory>", 2,
                        "Require ip: 'www.example.com' is not an IP address or subnet"),
                Arguments.of("<Limit> holding more than Require", "<Directory /tmp>\n<Limit POST>\n  Options None\n</Limit>\n</Directory>", 3,
                        "only Require directives and <RequireAll>, <RequireAny>, <RequireNone> sections may appear in <Limit>, not Options"),
                Arguments.of("unknown Require provider", "<Location />\n  Require nobody\n</Location>", 2, "Unknown Authz provider: nobody"),
                Arguments.of("<Directory> inside <If>", "<If \"true\">\n<Directory /tmp>\n</Directory>\n</If>", 2,
                        "<Directory> cannot occur within <If> section"),
                // Apache: Regex could not be compiled
                Arguments.of("bad regex", "<LocationMatch \"(\">\n</LocationMatch>", 1, "could not be compiled"),
                // Apache: Illegal override option Bogus
                Arguments.of("bad AllowOverride", "<Directory /tmp>\n  AllowOverride FileInfo Bogus\n</Directory>", 2,
                        "Illegal override option Bogus"),
                Arguments.of("AllowOverride outside <Directory>", "Timeout 5\nAllowOverride All", 2, "AllowOverride not allowed"),
                // Apache: RewriteRule: unknown flag 'XYZ'
                Arguments.of("bad RewriteRule flag", "RewriteEngine On\nRewriteRule ^/a /b [L,XYZ]", 2, "RewriteRule: unknown flag 'XYZ'"),
                Arguments.of("[P] without a proxy module", "RewriteRule ^/a http://backend/ [P]", 1, "the [P] flag needs a proxy module"),
                Arguments.of("PCRE construct Java lacks", "RewriteRule ^/(a(?R)?b)$ /x", 1, "Java regular expressions do not support"),
                Arguments.of("RewriteBase outside a directory", "RewriteBase /x", 1, "RewriteBase not allowed"),
                Arguments.of("RewriteMap of an unknown type", "RewriteMap m dbm:/nonexistent", 1, "map type 'dbm' is not supported"),
                Arguments.of("Redirect without a target", "Redirect /a", 1, "Redirect"),
                // a module that is not in the image, outside <IfModule>
                Arguments.of("directive of a missing module", "Timeout 5\nSSLEngine on", 2,
                        "Invalid command 'SSLEngine', perhaps misspelled or defined by a module not included in the server configuration"
                                + " (SSLEngine belongs to ssl_module, which this server does not have)"),
                Arguments.of("section of a missing module", "<Proxy \"fcgi://localhost\">\n</Proxy>", 1,
                        "Invalid command '<Proxy', perhaps misspelled or defined by a module not included in the server configuration"
                                + " (Proxy belongs to proxy_module, which this server does not have)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigurations")
    void brokenConfigurationNamesFileAndLine(String what, String extra, int lineInExtra, String message) throws Exception {
        TestServer.writeConfig(root, extra);
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        String prefix = conf() + ":" + line(lineInExtra) + ": ";
        assertTrue(r.err().startsWith(prefix), "expected " + prefix + "... but got: " + r.err());
        assertTrue(r.err().contains(message), "expected the message to say " + message + ": " + r.err());
        assertTrue(!r.err().contains("Syntax OK"), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void aThreadedMpmDirectiveUnderPreforkNamesTheThreadedMpms() throws Exception {
        // as Apache: prefork has no ThreadsPerChild; the hint names the MPMs that do
        TestServer.writeConfig(root, "prefork", "ThreadsPerChild 4");
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Invalid command 'ThreadsPerChild', perhaps misspelled or defined by a module not included in the"
                + " server configuration (ThreadsPerChild belongs to mpm_event_module or mpm_worker_module, which this server does not"
                + " have)"), r.err());
    }

    @Test
    void errorInAnIncludedFileNamesThatFile() throws Exception {
        Files.createDirectories(root.resolve("conf/extra"));
        Path a = root.resolve("conf/extra/a.conf");
        Path b = root.resolve("conf/extra/b.conf");
        Files.writeString(a, "# fine\nTimeout 10\n");
        Files.writeString(b, "# comment\n\n<Directory /tmp>\n  Options None\n  Bogus here\n</Directory>\n");
        TestServer.writeConfig(root, "Timeout 5\nInclude conf/extra/*.conf\n");
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith(b + ":5: Invalid command 'Bogus'"), r.err());
    }

    @Test
    void unclosedSectionInAnIncludedFile() throws Exception {
        Path inc = root.resolve("conf/part.conf");
        Files.createDirectories(inc.getParent());
        Files.writeString(inc, "Timeout 10\n<Location /a>\n  SetHandler echo\n");
        TestServer.writeConfig(root, "Include conf/part.conf\n</Location>\n");
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        // every file must be balanced on its own, as in Apache
        assertTrue(r.err().startsWith(inc + ":2: <Location> was not closed."), r.err());
    }

    @Test
    void missingConfigurationFile() {
        Run r = httpd("-d", root.toString(), "-f", "conf/nope.conf", "-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Could not open configuration file " + root.resolve("conf/nope.conf")), r.err());
    }

    @Test
    void aBrokenConfigurationDoesNotStartTheServer() throws Exception {
        TestServer.writeConfig(root, "Timeout 5\nListen 127.0.0.1:0 extra words");
        ConfigException e = assertThrows(ConfigException.class,
                () -> io.jhttpd.kernel.launch.Httpd.start("-d", root.toString(), "-f", "conf/httpd.conf").close());
        assertTrue(e.getMessage().startsWith(conf() + ":" + line(2) + ": "), e.getMessage());
    }

    // ---- <IfModule>, <IfDefine>, -D ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"core_module", "mod_mime.c", "mime_module", "mod_dir.c", "dir_module", "log_config_module",
            "mod_log_config.c", "mpm_event_module", "event.c", "static_module", "log_module", "echo_module", "mod_so.c", "mod_cgi.c",
            "cgid_module", "env_module"})
    void ifModuleOfALoadedModuleIsRead(String name) throws Exception {
        TestServer.writeConfig(root, "<IfModule " + name + ">\n  Bogus\n</IfModule>");
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith(conf() + ":" + line(2) + ": Invalid command 'Bogus'"), r.err());
        TestServer.writeConfig(root, "<IfModule !" + name + ">\n  Bogus\n</IfModule>");
        assertEquals(0, httpdOn("-t").exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mod_speling.c", "speling_module", "mod_dav.c", "ssl_module", "mpm_worker_module", "mod_nothing"})
    void ifModuleOfAMissingModuleIsSkipped(String name) throws Exception {
        TestServer.writeConfig(root, "<IfModule " + name + ">\n  RewriteEngine on\n  RewriteRule ^ - [F]\n  Bogus\n</IfModule>");
        Run r = httpdOn("-t");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Syntax OK" + System.lineSeparator(), r.err());
        TestServer.writeConfig(root, "<IfModule !" + name + ">\n  Bogus\n</IfModule>");
        assertEquals(1, httpdOn("-t").exit());
    }

    @Test
    void ifModuleSectionsNest() throws Exception {
        // the speling part is skipped, the mime part inside "not speling" is applied: AddType without arguments fails there
        TestServer.writeConfig(root, String.join("\n",
                "<IfModule mod_speling.c>",
                "  CheckSpelling on",
                "</IfModule>",
                "<IfModule !mod_speling.c>",
                "  <IfModule mod_mime.c>",
                "    AddType",
                "  </IfModule>",
                "</IfModule>"));
        Run r = httpdOn("-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith(conf() + ":" + line(6) + ": AddType"), r.err());
    }

    @Test
    void ifModuleContentIsAppliedToTheRunningServer() throws Exception {
        try (TestServer s = TestServer.start(root, String.join("\n",
                "<IfModule mod_rewrite.c>",
                "  RewriteEngine on",
                "  ErrorDocument 404 \"rewrite",
                "</IfModule>",
                "<IfModule mod_mime.c>",
                "  AddType text/x-jhttpd .jh",
                "  ErrorDocument 404 \"mime",
                "</IfModule>"))) {
            s.file("a.jh", "jh\n");
            RawHttp.Response ok = s.get("/a.jh");
            assertEquals(200, ok.status);
            assertEquals("text/x-jhttpd", ok.header("Content-Type"));
            RawHttp.Response missing = s.get("/nope");
            assertEquals(404, missing.status);
            assertEquals("mime", missing.bodyText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-D", "-DTESTFLAG", "-C"})
    void defineFromTheCommandLine(String form) throws Exception {
        TestServer.writeConfig(root, String.join("\n",
                "<IfDefine !TESTFLAG>",
                "  Timeout 5",
                "</IfDefine>",
                "<IfDefine TESTFLAG>",
                "  Bogus",
                "</IfDefine>"));
        assertEquals(0, httpdOn("-t").exit(), "not defined: the section is skipped");
        Run r;
        switch (form) {
            case "-D":
                r = httpdOn("-D", "TESTFLAG", "-t");
                break;
            case "-DTESTFLAG":
                r = httpdOn("-DTESTFLAG", "-t");
                break;
            default:
                r = httpdOn("-C", "Define TESTFLAG", "-t");
        }
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith(conf() + ":" + line(5) + ": Invalid command 'Bogus'"), r.err());
    }

    @Test
    void defineWithAValueBeforeTheConfigurationExpands() throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "from docs\n");
        try (TestServer s = TestServer.start(root, String.join("\n",
                "DocumentRoot \"${DOCS}\"",
                "<Directory \"${DOCS}\">",
                "  Require all granted",
                "</Directory>"), "-C", "Define DOCS " + root.resolve("docs"))) {
            RawHttp.Response r = s.get("/index.html");
            assertEquals(200, r.status);
            assertEquals("from docs\n", r.bodyText());
        }
    }

    // ---- -C / -c -------------------------------------------------------------------------------------

    @Test
    void directivesBeforeAndAfterTheConfigurationFile() throws Exception {
        // -C comes before the file: applied, but the file's ErrorDocument 404 overrides it
        try (TestServer s = TestServer.start(root, "ErrorDocument 404 \"from the file\"\n<Files \"*.secret\">\n"
                + "  Require all denied\n</Files>",
                "-C", "ErrorDocument 404 \"404 from -C\"", "-C", "ErrorDocument 403 \"403 from -C\"")) {
            assertEquals("from the file", s.get("/x").bodyText());
            assertEquals("403 from -C", s.get("/x.secret").bodyText());
        }
        // -c comes after it and wins
        try (TestServer s = TestServer.start(root, "ErrorDocument 404 \"from the file\"",
                "-c", "ErrorDocument 404 \"from -c\"")) {
            assertEquals("from -c", s.get("/x").bodyText());
        }
    }

    @Test
    void errorsInCommandLineDirectives() throws Exception {
        TestServer.writeConfig(root, "Timeout 5");
        for (String flag : List.of("-C", "-c")) {
            Run r = httpdOn(flag, "Bogus 1", "-t");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("Invalid command 'Bogus'"), r.err());
            assertTrue(r.err().startsWith(flag), "the error names the " + flag + " argument: " + r.err());
        }
    }

    // ---- -M, -v, -V, -h, bad flags ----------------------------------------------------------------------

    @Test
    void listModules() throws Exception {
        TestServer.writeConfig(root, "");
        for (String[] args : List.of(new String[] {"-M"}, new String[] {"-t", "-D", "DUMP_MODULES"})) {
            Run r = httpdOn(args);
            assertEquals(0, r.exit(), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals("Loaded Modules:", lines.get(0));
            for (String m : List.of("core_module", "mpm_event_module", "static_module", "log_module", "echo_module")) {
                assertTrue(lines.contains(" " + m + " (static)"), m + " missing in " + lines);
            }
            assertTrue(lines.stream().skip(1).allMatch(l -> l.matches(" [a-z0-9_]+_module \\((static|shared)\\)")), lines.toString());
            assertEquals(lines.size(), lines.stream().distinct().count(), "each module once: " + lines);
        }
    }

    @Test
    void listModulesChecksTheConfiguration() throws Exception {
        TestServer.writeConfig(root, "Bogus");
        Run r = httpdOn("-M");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(conf() + ":" + line(1) + ": Invalid command 'Bogus'"), r.err());
    }

    @Test
    void version() {
        Run r = httpd("-v");
        assertEquals(0, r.exit());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("Server version: jhttpd/\\d+\\.\\d+\\.\\d+ \\(Unix\\)"), r.out());
        assertTrue(lines.get(1).startsWith("Server built:"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void buildSettings() {
        Run r = httpd("-V");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Server version: jhttpd/"), r.out());
        assertTrue(r.out().contains("Server compiled with...."), r.out());
        assertTrue(r.out().contains(" -D SERVER_CONFIG_FILE=\"conf/httpd.conf\""), r.out());
        assertTrue(r.out().contains(" -D HTTPD_ROOT=\""), r.out());
        assertEquals("", r.err());
    }

    @Test
    void help() {
        // Apache prints this to stderr and exits 1; jhttpd treats -h as a request that succeeded
        Run r = httpd("-h");
        // Apache prints usage to stderr and exits 1 for -h
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("Usage: httpd [-D name] [-d directory] [-f file]"), r.err());
        for (String flag : List.of("-D name", "-d directory", "-f file", "-C \"directive\"", "-c \"directive\"", "-v ", "-V ",
                "-h ", "-M ", "-t ", "-X ", "-k ")) {
            assertTrue(r.err().contains("  " + flag), flag + " missing in " + r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Q", "--help", "start"})
    void unknownFlagPrintsUsage(String flag) {
        Run r = httpd(flag);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(flag), r.err());
        assertTrue(r.err().contains("Usage: httpd"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void flagWithoutItsValue() {
        Run r = httpd("-f");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("-f"), r.err());
        assertTrue(r.err().contains("Usage: httpd"), r.err());
    }
}
