package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's own image: {@code distribution/image --with event,static,log --jar mod-hello.jar}
 * links exactly those modules and the third-party example module; the image serves with them,
 * {@code httpd -M} lists them, and a directive of a module left out fails with that module's name.
 * And the same example jar dropped into the full image with {@code LoadModule}, without relinking.
 */
@Timeout(300)
class CustomImageTest {

    @TempDir
    static Path work;
    private static Path image;
    private static Path helloJar;

    @BeforeAll
    static void buildImage() throws Exception {
        Path repo = ImageTest.repository();
        ImageTest.image();
        helloJar = repo.resolve("examples/mod-hello/target/mod-hello-1.0.0-SNAPSHOT.jar");
        if (!Files.exists(helloJar)) {
            fail("no " + helloJar + ": the reactor builds examples/mod-hello before the tests (mvn verify)");
        }
        image = work.resolve("small-image");
        String out = ImageTest.run(repo, List.of(repo.resolve("distribution/image").toString(),
                "--with", "event,static,log", "--jar", helloJar.toString(), image.toString()));
        assertTrue(Files.isExecutable(image.resolve("bin/httpd")), out);
    }

    @Test
    void holdsExactlyTheChosenModulesAndWhatTheyNeed() throws Exception {
        // jdk.unsupported: the master process catches Apache's signals with sun.misc.Signal
        String out = ImageTest.run(image, List.of(image.resolve("bin/java").toString(), "--list-modules"));
        Set<String> modules = out.lines().map(l -> l.replaceAll("@.*", "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("ch.qos.logback.classic", "ch.qos.logback.core", "com.example.hello", "io.jhttpd.api",
                "io.jhttpd.errorlog", "io.jhttpd.kernel", "io.jhttpd.mod.log", "io.jhttpd.mod.staticfiles", "io.jhttpd.mpm.event",
                "java.base", "java.xml", "jdk.unsupported", "org.slf4j")), modules);
        assertTrue(Files.exists(image.resolve("lib/server/jhttpd.jsa")), "the image ships a class-data sharing archive");
    }

    @Test
    void httpdListsTheLinkedModules() throws Exception {
        String out = ImageTest.run(image, List.of(image.resolve("bin/httpd").toString(), "-M"));
        assertEquals(List.of("Loaded Modules:", " core_module (static)", " hello_module (static)", " log_module (static)",
                " static_module (static)", " mpm_event_module (static)"), out.lines().collect(Collectors.toList()));
    }

    @Test
    void servesWithTheLinkedThirdPartyModule(@TempDir Path dir) throws Exception {
        int port = ImageTest.freePort();
        Path conf = ImageTest.shippedConfig(image, dir, port, "<Location /hello>\n  SetHandler hello\n  HelloGreeting Hi\n</Location>");
        Process server = ImageTest.serve(image, conf, dir, port);
        try {
            HttpResponse<String> r = ImageTest.get(port, "/hello/there");
            assertEquals(200, r.statusCode());
            assertEquals("Hi, /hello/there!\n", r.body());
            assertEquals(200, ImageTest.get(port, "/").statusCode());
        } finally {
            ImageTest.stop(server);
        }
    }

    @Test
    void aDirectiveOfAModuleLeftOutNamesTheModule(@TempDir Path dir) throws Exception {
        Path conf = ImageTest.shippedConfig(image, dir, ImageTest.freePort(), "ThreadsPerChild 10\nRewriteEngine on");
        String out = ImageTest.run(dir, List.of(image.resolve("bin/httpd").toString(), "-t", "-f", conf.toString()));
        int line = (int) Files.readString(conf).lines().count();
        assertTrue(out.startsWith(conf + ":" + line + ": Invalid command 'RewriteEngine'"), out);
        assertTrue(out.contains("(RewriteEngine belongs to rewrite_module, which this server does not have)"), out);
        // inside <IfModule> it is skipped, as in Apache
        conf = ImageTest.shippedConfig(image, dir, ImageTest.freePort(), "<IfModule rewrite_module>\n  RewriteEngine on\n</IfModule>");
        assertTrue(ImageTest.run(dir, List.of(image.resolve("bin/httpd").toString(), "-t", "-f", conf.toString())).contains("Syntax OK"));
    }

    @Test
    void theSameJarLoadsIntoTheFullImageWithoutRelinking(@TempDir Path dir) throws Exception {
        Path full = ImageTest.image();
        int port = ImageTest.freePort();
        Path conf = ImageTest.shippedConfig(full, dir, port, "LoadModule hello_module " + helloJar
                + "\n<Location /hello>\n  SetHandler hello\n</Location>");
        String modules = ImageTest.run(dir, List.of(full.resolve("bin/httpd").toString(), "-M", "-f", conf.toString()));
        assertTrue(modules.contains(" hello_module (shared)"), modules);
        Process server = ImageTest.serve(full, conf, dir, port);
        try {
            assertEquals("Hello, /hello/x!\n", ImageTest.get(port, "/hello/x").body());
        } finally {
            ImageTest.stop(server);
        }
    }
}
