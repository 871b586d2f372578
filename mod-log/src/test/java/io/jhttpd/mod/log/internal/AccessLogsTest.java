package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ServerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogsTest {

    private static final long T = Instant.parse("2026-11-22T00:46:26Z").toEpochMilli();

    @TempDir
    Path root;
    FakeDirectiveContext main;
    AccessLogs logs;

    @BeforeEach
    void serverRoot() throws IOException {
        Files.createDirectories(root.resolve("logs"));
        main = new FakeDirectiveContext(root);
    }

    private static ServerContext context(Path root, boolean configTest, Server... servers) {
        return new ServerContext() {
            @Override public List<Server> servers() { return List.of(servers); }
            @Override public Path serverRoot() { return root; }
            @Override public boolean isConfigTest() { return configTest; }
        };
    }

    private FakeServer mainServer() {
        return new FakeServer("localhost", 0).with(LogConfig.KEY, main.config(LogConfig.KEY));
    }

    /** A virtual host configured by {@code vhost}, merged with the main server as the kernel does. */
    private FakeServer virtualHost(String name, FakeDirectiveContext vhost) {
        LogConfig merged = LogConfig.KEY.merge(main.config(LogConfig.KEY), vhost.config(LogConfig.KEY));
        return new FakeServer(name, 0, true).with(LogConfig.KEY, merged);
    }

    private AccessLogs open(Server... servers) throws ConfigException {
        logs = AccessLogs.open(context(root, false, servers), ZoneOffset.UTC);
        return logs;
    }

    private static FakeRequest request(Server server, String uri) {
        FakeRequest r = new FakeRequest();
        r.server = server;
        r.uri = uri;
        r.requestLine = "GET " + uri + " HTTP/1.1";
        r.requestTimeMillis = T;
        r.bytesSent = 6;
        return r;
    }

    private List<String> lines(String file) throws IOException {
        logs.close();
        return Files.readAllLines(root.resolve(file));
    }

    @Test
    void nicknamesResolveAtStartAndMayBeDefinedAfterUse() throws Exception {
        main.apply("CustomLog", "logs/access_log", "common")
                .apply("LogFormat", "%h %l %u %t \"%r\" %>s %b", "common")
                .apply("CustomLog", "logs/misspelt_log", "commn")
                .apply("CustomLog", "logs/case_log", "COMMON");
        FakeServer s = mainServer();
        open(s).log(request(s, "/a.txt"));

        String clf = "127.0.0.1 - - [22/Nov/2026:00:46:26 +0000] \"GET /a.txt HTTP/1.1\" 200 6";
        assertEquals(List.of(clf), lines("logs/access_log"));
        assertEquals(List.of("commn"), lines("logs/misspelt_log"), "Apache logs an unknown nickname as literal text");
        assertEquals(List.of(clf), lines("logs/case_log"), "nicknames compare without case");
    }

    @Test
    void transferLogUsesTheLastUnnamedLogFormatElseClf() throws Exception {
        main.apply("TransferLog", "logs/transfer_log");
        FakeServer s = mainServer();
        open(s).log(request(s, "/a.txt"));
        assertEquals(List.of("127.0.0.1 - - [22/Nov/2026:00:46:26 +0000] \"GET /a.txt HTTP/1.1\" 200 6"), lines("logs/transfer_log"));

        main.apply("LogFormat", "%m %U", "short").apply("LogFormat", "%U").apply("LogFormat", "short");
        open(s).log(request(s, "/b.txt"));
        List<String> all = lines("logs/transfer_log");
        assertEquals("GET /b.txt", all.get(all.size() - 1), "LogFormat nickname (alone) makes the named format the default");
    }

    @Test
    void aVirtualHostWithItsOwnLogsWritesOnlyThere() throws Exception {
        main.apply("LogFormat", "%v %U", "vu").apply("CustomLog", "logs/main_log", "vu");
        FakeDirectiveContext own = new FakeDirectiveContext(root).apply("CustomLog", "logs/own_log", "vu");
        FakeDirectiveContext none = new FakeDirectiveContext(root);
        FakeServer m = mainServer();
        FakeServer withLogs = virtualHost("own.example", own);
        FakeServer withoutLogs = virtualHost("none.example", none);
        open(m, withLogs, withoutLogs);

        logs.log(request(m, "/1"));
        logs.log(request(withLogs, "/2"));
        logs.log(request(withoutLogs, "/3"));

        assertEquals(List.of("localhost /1", "none.example /3"), lines("logs/main_log"));
        assertEquals(List.of("own.example /2"), lines("logs/own_log"));
    }

    @Test
    void inheritedTransferLogUsesTheVirtualHostsDefaultFormat() throws Exception {
        main.apply("TransferLog", "logs/main_log");
        FakeDirectiveContext vhost = new FakeDirectiveContext(root).apply("LogFormat", "vhost %U");
        FakeServer m = mainServer();
        FakeServer v = virtualHost("v.example", vhost);
        open(m, v);
        logs.log(request(v, "/x"));
        assertEquals(List.of("vhost /x"), lines("logs/main_log"));
    }

    @Test
    void vhostNicknamesShadowTheMainServersOnlyInsideTheVhost() throws Exception {
        main.apply("LogFormat", "main %U", "f").apply("CustomLog", "logs/main_log", "f");
        FakeDirectiveContext vhost = new FakeDirectiveContext(root)
                .apply("LogFormat", "vhost %U", "f").apply("CustomLog", "logs/v_log", "f");
        FakeServer m = mainServer();
        FakeServer v = virtualHost("v.example", vhost);
        open(m, v);
        logs.log(request(m, "/m"));
        logs.log(request(v, "/v"));
        assertEquals(List.of("main /m"), lines("logs/main_log"));
        assertEquals(List.of("vhost /v"), lines("logs/v_log"));
    }

    @Test
    void envConditions() throws Exception {
        main.apply("CustomLog", "logs/if_log", "%U", "env=interesting")
                .apply("CustomLog", "logs/unless_log", "%U", "env=!dontlog");
        FakeServer s = mainServer();
        open(s);
        FakeRequest plain = request(s, "/plain");
        FakeRequest interesting = request(s, "/interesting");
        interesting.env.put("interesting", "");
        FakeRequest quiet = request(s, "/quiet");
        quiet.env.put("dontlog", "1");
        logs.log(plain);
        logs.log(interesting);
        logs.log(quiet);
        assertEquals(List.of("/interesting"), lines("logs/if_log"));
        assertEquals(List.of("/plain", "/interesting"), lines("logs/unless_log"));
    }

    @Test
    void subRequestsAreNotLoggedAndTheChainIsLoggedOnce() throws Exception {
        main.apply("CustomLog", "logs/access_log", "%s %>s %U");
        FakeServer s = mainServer();
        open(s);
        FakeRequest sub = request(s, "/sub");
        sub.subRequest = true;
        logs.log(sub);
        FakeRequest first = request(s, "/missing");
        first.status = 404;
        FakeRequest last = first.redirect("/404.html");
        logs.log(last);
        assertEquals(List.of("404 200 /missing"), lines("logs/access_log"));
    }

    @Test
    void oneFileIsOpenedOnceWhateverNamesIt() throws Exception {
        main.apply("CustomLog", "logs/access_log", "a")
                .apply("CustomLog", "logs/../logs/access_log", "b")
                .apply("TransferLog", root.resolve("logs/access_log").toString());
        FakeServer s = mainServer();
        open(s);
        assertEquals(1, logs.files().size());
        logs.log(request(s, "/"));
        assertEquals(List.of("a", "b", "127.0.0.1 - - [22/Nov/2026:00:46:26 +0000] \"GET / HTTP/1.1\" 200 6"), lines("logs/access_log"));
    }

    @Test
    void aMissingDirectoryStopsTheStartNamingTheFile() throws Exception {
        main.apply("CustomLog", "logs/ok_log", "%U").apply("CustomLog", "nodir/access_log", "%U");
        ConfigException e = assertThrows(ConfigException.class, () -> open(mainServer()));
        assertEquals("JH03001 Cannot access directory '" + root.resolve("nodir") + "' for log file '"
                + root.resolve("nodir/access_log") + "'", e.getMessage());
    }

    @Test
    void aFileThatCannotBeOpenedStopsTheStartNamingIt() throws Exception {
        Files.createDirectories(root.resolve("logs/a_directory"));
        main.apply("CustomLog", "logs/a_directory", "%U");
        ConfigException e = assertThrows(ConfigException.class, () -> open(mainServer()));
        assertTrue(e.getMessage().startsWith("JH03001 could not open transfer log file " + root.resolve("logs/a_directory")), e.getMessage());
    }

    @Test
    void aConfigTestOpensNothingButChecksDirectories() throws Exception {
        main.apply("CustomLog", "logs/access_log", "%U");
        AccessLogs checked = AccessLogs.open(context(root, true, mainServer()), ZoneOffset.UTC);
        assertTrue(checked.files().isEmpty());
        assertFalse(Files.exists(root.resolve("logs/access_log")));

        main.apply("CustomLog", "nodir/access_log", "%U");
        assertThrows(ConfigException.class, () -> AccessLogs.open(context(root, true, mainServer()), ZoneOffset.UTC));
    }

    @Test
    void directiveErrors() throws Exception {
        assertEquals("JH03002 piped log needs a program: | ",
                assertThrows(ConfigException.class, () -> main.apply("CustomLog", "| ", "common")).getMessage());
        assertEquals("JH03005 Cannot parse expression in condition clause: expected an operator at the end in: %{REQUEST_URI}",
                assertThrows(ConfigException.class, () -> main.apply("CustomLog", "logs/x", "common", "expr=%{REQUEST_URI}")).getMessage());
        assertEquals("JH03005 missing environment variable name",
                assertThrows(ConfigException.class, () -> main.apply("CustomLog", "logs/x", "common", "env=!")).getMessage());
        assertEquals("JH03005 error in condition clause",
                assertThrows(ConfigException.class, () -> main.apply("CustomLog", "logs/x", "common", "foo")).getMessage());
        assertEquals("JH03004 Unrecognized LogFormat directive %Z",
                assertThrows(ConfigException.class, () -> main.apply("LogFormat", "%Z", "bad")).getMessage());
        assertTrue(main.config(LogConfig.KEY).logs().isEmpty());
    }

    @Test
    void mergeLeavesBothConfigsAlone() throws Exception {
        main.apply("LogFormat", "%U", "u").apply("CustomLog", "logs/main_log", "u");
        FakeDirectiveContext vhost = new FakeDirectiveContext(root).apply("LogFormat", "%m", "m");
        LogConfig mainConfig = main.config(LogConfig.KEY);
        LogConfig vhostConfig = vhost.config(LogConfig.KEY);
        LogConfig merged = LogConfig.KEY.merge(mainConfig, vhostConfig);
        assertEquals("%m", merged.resolve("m"));
        assertEquals("%U", merged.resolve("u"));
        assertEquals("m", mainConfig.resolve("m"));
        assertEquals("u", vhostConfig.resolve("u"));
        assertTrue(vhostConfig.mainServerLogs().isEmpty());
        assertEquals(1, merged.mainServerLogs().size());
    }

    @Test
    void eightThreadsWritingFiveHundredLinesEachGiveFourThousandWholeLines() throws Exception {
        main.apply("CustomLog", "logs/access_log", "%{X-Thread}i %{X-Line}i %{X-Pad}i end");
        FakeServer s = mainServer();
        open(s);
        int threads = 8;
        int perThread = 500;
        String pad = "x".repeat(3000);   // lines near PIPE_BUF make tearing visible if it happened
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    FakeRequest r = request(s, "/");
                    r.headersIn.add("X-Thread", Integer.toString(thread));
                    r.headersIn.add("X-Line", Integer.toString(i));
                    r.headersIn.add("X-Pad", pad);
                    logs.log(r);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<String> lines = lines("logs/access_log");
        assertEquals(threads * perThread, lines.size());
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            assertEquals(4, parts.length, "a whole line");
            assertEquals(pad, parts[2]);
            assertEquals("end", parts[3]);
            assertTrue(seen.add(parts[0] + "/" + parts[1]), "each line once");
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void twoWritersOnOneFileAsTwoProcessesWouldBe() throws Exception {
        Path file = root.resolve("logs/shared_log");
        LogFile a = LogFile.open(file);
        LogFile b = LogFile.open(file);
        Thread ta = new Thread(() -> write(a, 'a'));
        Thread tb = new Thread(() -> write(b, 'b'));
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        a.close();
        b.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(2000, lines.size());
        for (String line : lines) {
            assertTrue(line.equals("a".repeat(2000)) || line.equals("b".repeat(2000)), "no line torn");
        }
    }

    private static void write(LogFile f, char c) {
        String line = String.valueOf(c).repeat(2000) + "\n";
        for (int i = 0; i < 1000; i++) {
            f.write(java.nio.ByteBuffer.wrap(line.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void anInterruptedWriterNeitherLosesItsLineNorClosesTheFileForOthers() throws Exception {
        Path file = root.resolve("logs/interrupt_log");
        LogFile f = LogFile.open(file);
        Thread.currentThread().interrupt();
        f.write(java.nio.ByteBuffer.wrap("one\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        f.write(java.nio.ByteBuffer.wrap("two\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        f.close();
        assertEquals(List.of("one", "two"), Files.readAllLines(file));
    }
}
