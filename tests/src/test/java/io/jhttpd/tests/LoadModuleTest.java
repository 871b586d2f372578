package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhttpd.kernel.launch.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LoadModule} of a third-party module jar: a tiny module is compiled at test time against
 * the api alone (the way a third party builds one), jarred, and loaded into its own module layer
 * by the configuration line; its directive and handler then work, {@code httpd -M} lists it as
 * {@code (shared)}, and {@code <IfModule>} sees it only after the line that loads it.
 */
class LoadModuleTest {

    private static Path work;
    private static Path helloJar;
    private static Path plainJar;

    @TempDir
    Path root;

    private static final String MODULE_INFO = String.join("\n",
            "module test.hello {",
            "    requires io.jhttpd.api;",
            "    provides io.jhttpd.api.spi.HttpdModule with test.hello.internal.HelloModule;",
            "}", "");

    private static final String HELLO_MODULE = String.join("\n",
            "package test.hello.internal;",
            "",
            "import io.jhttpd.api.*;",
            "import io.jhttpd.api.spi.HttpdModule;",
            "import io.jhttpd.api.spi.ModuleSetup;",
            "",
            "public final class HelloModule implements HttpdModule {",
            "    static final class Greeting {",
            "        String text;",
            "        static Greeting merge(Greeting base, Greeting add) {",
            "            Greeting g = new Greeting();",
            "            g.text = add.text != null ? add.text : base.text;",
            "            return g;",
            "        }",
            "    }",
            "    static final ConfigKey<Greeting> KEY = ConfigKey.perDirectory(\"hello\", Greeting::new, Greeting::merge);",
            "",
            "    public String name() {",
            "        return \"hello\";",
            "    }",
            "",
            "    public void register(ModuleSetup setup) {",
            "        setup.config(KEY);",
            "        setup.directive(Directive.of(\"HelloGreeting\", ArgShape.TAKE1, Scope.EVERYWHERE,",
            "                (c, a) -> c.config(KEY).text = a.get(0)).help(\"what the hello handler says\"));",
            "        setup.hook(Phase.HANDLER, r -> {",
            "            if (!\"hello\".equals(r.handler())) {",
            "                return HookResult.DECLINED;",
            "            }",
            "            String text = r.config(KEY).text;",
            "            r.setContentType(\"text/plain\");",
            "            r.pass(Brigade.of(Bucket.data((text != null ? text : \"Hello\") + \" from \" + r.uri() + \"\\n\"), Bucket.EOS));",
            "            return HookResult.OK;",
            "        }, HookOrder.MIDDLE);",
            "    }",
            "}", "");

    @BeforeAll
    static void buildModuleJar() throws Exception {
        Optional<ToolProvider> javac = ToolProvider.findFirst("javac");
        assumeTrue(javac.isPresent(), "no javac in this runtime: cannot build a module jar");
        Optional<URI> api = ModuleLayer.boot().configuration().findModule("io.jhttpd.api")
                .flatMap(m -> m.reference().location());
        assumeTrue(api.isPresent(), "io.jhttpd.api has no location");
        work = Files.createTempDirectory("jhttpd-loadmodule");
        Path src = work.resolve("src");
        Files.createDirectories(src.resolve("test/hello/internal"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("test/hello/internal/HelloModule.java"), HELLO_MODULE);
        Path classes = work.resolve("classes");
        StringWriter log = new StringWriter();
        int rc = javac.get().run(new PrintWriter(log), new PrintWriter(log),
                "--release", "17", "--module-path", Path.of(api.get()).toString(), "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("test/hello/internal/HelloModule.java").toString());
        assertEquals(0, rc, "javac failed:\n" + log);
        helloJar = work.resolve("hello.jar");
        jar(classes, helloJar, true);
        // the same classes without module-info: an automatic module, which LoadModule refuses
        Files.delete(classes.resolve("module-info.class"));
        plainJar = work.resolve("plain.jar");
        jar(classes, plainJar, false);
    }

    private static void jar(Path classes, Path jar, boolean withModuleInfo) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(p));
                j.closeEntry();
            }
        }
    }

    @AfterAll
    static void clean() throws IOException {
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run httpd(String... args) {
        List<String> all = new ArrayList<>(List.of("-d", root.toString(), "-f", "conf/httpd.conf"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(all.toArray(new String[0]), o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String conf() {
        return root.resolve("conf/httpd.conf").toString();
    }

    @Test
    void handlerAndDirectiveOfALoadedModuleWork() throws Exception {
        try (TestServer s = TestServer.start(root, String.join("\n",
                "LoadModule hello_module \"" + helloJar + "\"",
                "<Location /hello>",
                "  SetHandler hello",
                "</Location>",
                "<Location /hello/custom>",
                "  HelloGreeting \"Hi there\"",
                "</Location>"))) {
            RawHttp.Response r = s.get("/hello");
            assertEquals(200, r.status);
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals("Hello from /hello\n", r.bodyText());
            assertEquals("Hi there from /hello/custom/x\n", s.get("/hello/custom/x").bodyText());
        }
    }

    @Test
    void relativePathResolvesAgainstServerRoot() throws Exception {
        Files.createDirectories(root.resolve("modules"));
        Files.copy(helloJar, root.resolve("modules/mod_hello.jar"));
        try (TestServer s = TestServer.start(root, "LoadModule hello_module modules/mod_hello.jar\n"
                + "<Location /hello>\n  SetHandler hello\n</Location>")) {
            assertEquals("Hello from /hello/a\n", s.get("/hello/a").bodyText());
        }
    }

    @Test
    void listedAsShared() throws Exception {
        TestServer.writeConfig(root, "LoadModule hello_module \"" + helloJar + "\"");
        Run r = httpd("-M");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains(" hello_module (shared)"), lines.toString());
        assertTrue(lines.contains(" core_module (static)"), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.contains("hello_module")).count(), lines.toString());
    }

    @Test
    void ifModuleSeesTheModuleOnlyAfterItsLoadModule() throws Exception {
        // before: the section is skipped; after: it is read (and its Bogus line fails)
        TestServer.writeConfig(root, String.join("\n",
                "<IfModule hello_module>",
                "  Bogus1",
                "</IfModule>",
                "LoadModule hello_module \"" + helloJar + "\"",
                "<IfModule mod_hello.c>",
                "  Bogus2",
                "</IfModule>"));
        Run r = httpd("-t");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith(conf() + ":" + (TestServer.BASE_CONFIG_LINES + 6) + ": Invalid command 'Bogus2'"), r.err());
    }

    @Test
    void directiveBeforeItsLoadModuleIsAccepted() throws Exception {
        // as in Apache (checked with mod_expires): the whole file is read, LoadModule included, before
        // any directive is applied; only <IfModule> is decided while reading
        try (TestServer s = TestServer.start(root, "HelloGreeting Early\nLoadModule hello_module \"" + helloJar + "\"\n"
                + "<Location /hello>\n  SetHandler hello\n</Location>")) {
            assertEquals("Early from /hello\n", s.get("/hello").bodyText());
        }
    }

    @Test
    void loadingTheSameModuleTwiceIsHarmless() throws Exception {
        TestServer.writeConfig(root, "LoadModule hello_module \"" + helloJar + "\"\nLoadModule hello_module \"" + helloJar + "\"");
        Run r = httpd("-M");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, r.out().lines().filter(l -> l.contains("hello_module")).count(), r.out());
    }

    @Test
    void loadModuleErrorsNameFileAndLine() throws Exception {
        String at = conf() + ":" + (TestServer.BASE_CONFIG_LINES + 2) + ": ";
        for (String line : List.of(
                "LoadModule hello_module \"" + work.resolve("missing.jar") + "\"",
                "LoadModule other_module \"" + helloJar + "\"",
                "LoadModule hello_module \"" + plainJar + "\"",
                "LoadModule speling_module modules/mod_speling.so",
                "LoadModule hello_module")) {
            TestServer.writeConfig(root, "Timeout 5\n" + line);
            Run r = httpd("-t");
            assertEquals(1, r.exit(), line + ": " + r);
            assertTrue(r.err().startsWith(at), line + ": " + r.err());
        }
    }
}
