package io.jhttpd.mpm.event.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ModuleSetup;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The provider: its name, its directives (worker's plus AsyncRequestWorkerFactor), and run/shutdown. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventMpmTest {

    private final EventMpm mpm = new EventMpm();
    private final Map<String, Directive> directives = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    EventMpmTest() {
        mpm.register(new ModuleSetup() {
            @Override
            public void directive(Directive d) {
                directives.put(d.name(), d);
            }

            @Override
            public void config(ConfigKey<?> key) {
                throw new AssertionError("the MPM has no config objects");
            }

            @Override
            public void hook(Phase phase, RequestHook hook, HookOrder order) {
                throw new AssertionError("the MPM has no hooks");
            }

            @Override
            public void outputFilter(String name, FilterType type, OutputFilter.Factory factory) {
                throw new AssertionError();
            }

            @Override
            public void inputFilter(String name, FilterType type, InputFilter.Factory factory) {
                throw new AssertionError();
            }

            @Override
            public void onStart(StartAction action) {
                throw new AssertionError();
            }

            @Override
            public void onStop(Runnable action) {
                throw new AssertionError();
            }
        });
    }

    private void apply(String name, String arg) throws ConfigException {
        Directive d = directives.get(name);
        d.handler().apply(new DirectiveContext() {
            @Override
            public Path file() {
                return Path.of("httpd.conf");
            }

            @Override
            public int line() {
                return 1;
            }

            @Override
            public String directiveName() {
                return name;
            }

            @Override
            public Scope scope() {
                return Scope.SERVER;
            }

            @Override
            public String sectionPath() {
                return null;
            }

            @Override
            public <T> T config(ConfigKey<T> key) {
                throw new AssertionError();
            }

            @Override
            public Server server() {
                return null;
            }

            @Override
            public Path resolve(String path) {
                return Path.of(path);
            }
        }, List.of(arg));
    }

    @Test
    void isTheEventMpm() {
        assertEquals("event", mpm.name());
        assertTrue(mpm.isThreaded());
    }

    @Test
    void declaresWorkersDirectivesAndAsyncRequestWorkerFactor() {
        for (String d : List.of("ThreadsPerChild", "ThreadLimit", "ServerLimit", "MaxRequestWorkers", "MaxClients", "StartServers",
                "MinSpareThreads", "MaxSpareThreads", "MaxConnectionsPerChild", "MaxRequestsPerChild", "AsyncRequestWorkerFactor")) {
            assertTrue(directives.containsKey(d), d);
            assertEquals(java.util.Set.of(Scope.SERVER), directives.get(d).scopes(), d + " is server-wide only");
        }
    }

    @Test
    void threadsPerChildIsCappedByThreadLimit() throws ConfigException {
        assertEquals(25, mpm.threads());
        apply("ThreadsPerChild", "100");
        assertEquals(64, mpm.threads());
        apply("ThreadLimit", "200");
        assertEquals(100, mpm.threads());
    }

    @Test
    void numbersAreCheckedAsWorkerChecksThem() {
        ConfigException e = assertThrows(ConfigException.class, () -> apply("ThreadsPerChild", "many"));
        assertEquals("ThreadsPerChild must be a number, not 'many'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> apply("ThreadsPerChild", "0"));
        assertEquals("ThreadsPerChild must be between 1 and 100000, not 0", e.getMessage());
    }

    @Test
    void asyncRequestWorkerFactorTakesFractions() throws ConfigException {
        assertEquals(2.0, mpm.asyncRequestWorkerFactor());
        apply("AsyncRequestWorkerFactor", "1.5");
        assertEquals(1.5, mpm.asyncRequestWorkerFactor());
        apply("AsyncRequestWorkerFactor", "64");
        assertEquals(64.0, mpm.asyncRequestWorkerFactor());
        for (String bad : List.of("0", "-1", "two", "NaN", "Infinity", "2d", "0x1p1", "")) {
            ConfigException e = assertThrows(ConfigException.class, () -> apply("AsyncRequestWorkerFactor", bad), bad);
            assertEquals("AsyncRequestWorkerFactor must be a positive number, not '" + bad + "'", e.getMessage());
        }
        assertEquals(64.0, mpm.asyncRequestWorkerFactor());
    }

    @Test
    void runsUntilShutdownAndRefusesAfterwards() throws Exception {
        FakeContext ctx = new FakeContext(new FakeKernel(1000, 1000, 1000, 1000));
        apply("ThreadsPerChild", "3");
        Thread t = new Thread(() -> {
            try {
                mpm.run(ctx);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        assertTrue(ctx.ready.await(5, TimeUnit.SECONDS));
        try (Socket s = new Socket()) {
            s.connect(ctx.address, 1000);
            s.getOutputStream().write("GET x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals('O', s.getInputStream().read());
        }
        mpm.shutdown(true);
        t.join(5_000);
        assertFalse(t.isAlive());
        assertFalse(ctx.server.isOpen(), "the listener was not closed");
        for (int i = 0; i < 3; i++) {
            assertEquals(io.jhttpd.api.spi.WorkerState.DEAD, ctx.board.slots[i].state);
        }
    }

    @Test
    void aShutdownBeforeRunStopsTheRun() throws Exception {
        FakeContext ctx = new FakeContext(new FakeKernel(1000, 1000, 1000, 1000));
        mpm.shutdown(true);
        Thread t = new Thread(() -> {
            try {
                mpm.run(ctx);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join(5_000);
        assertFalse(t.isAlive());
    }
}
