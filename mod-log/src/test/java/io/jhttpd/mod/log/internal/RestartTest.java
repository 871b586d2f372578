package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ServerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts while requests log: every request that ran the log hook has its line in the file,
 * written by the old logs or by the new ones, and none is lost to a closed file.
 */
class RestartTest {

    @TempDir
    Path root;

    @Test
    void noLineIsLostWhenTheLogsAreReopenedUnderLoad() throws Exception {
        FakeDirectiveContext main = new FakeDirectiveContext(root);
        Files.createDirectories(root.resolve("logs"));
        main.apply("BufferedLogs", "on").apply("CustomLog", "logs/access_log", "%U");
        LogModuleTest.RecordingSetup setup = new LogModuleTest.RecordingSetup();
        LogModule module = new LogModule();
        module.register(setup);
        RequestHook hook = setup.hooks.get(Phase.LOG_TRANSACTION);
        FakeServer server = new FakeServer("localhost", 0).with(LogConfig.KEY, main.config(LogConfig.KEY));
        ServerContext context = new ServerContext() {
            @Override public List<Server> servers() { return List.of(server); }
            @Override public Path serverRoot() { return root; }
            @Override public boolean isConfigTest() { return false; }
        };
        setup.starts.get(0).start(context);
        AtomicInteger logged = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    FakeRequest r = new FakeRequest();
                    r.server = server;
                    r.uri = "/r";
                    try {
                        if (hook.run(r).isOk()) {
                            logged.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (int restart = 0; restart < 20; restart++) {
            setup.starts.get(0).start(context);   // a graceful restart: new logs, the old ones closed
            Thread.sleep(2);
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        setup.stops.get(0).run();
        assertEquals(8000, logged.get());
        assertEquals(8000, Files.readAllLines(root.resolve("logs/access_log")).size());
    }
}
