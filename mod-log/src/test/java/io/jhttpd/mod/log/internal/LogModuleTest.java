package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ServerContext;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogModuleTest {

    static final class RecordingSetup implements ModuleSetup {
        final List<String> directives = new ArrayList<>();
        final List<ConfigKey<?>> keys = new ArrayList<>();
        final Map<Phase, RequestHook> hooks = new HashMap<>();
        final Map<Phase, HookOrder> orders = new HashMap<>();
        final List<StartAction> starts = new ArrayList<>();
        final List<Runnable> stops = new ArrayList<>();

        @Override public void directive(Directive directive) { directives.add(directive.name()); }
        @Override public void config(ConfigKey<?> key) { keys.add(key); }

        @Override
        public void hook(Phase phase, RequestHook hook, HookOrder order) {
            hooks.put(phase, hook);
            orders.put(phase, order);
        }

        @Override public void outputFilter(String name, FilterType type, OutputFilter.Factory factory) { }
        @Override public void inputFilter(String name, FilterType type, InputFilter.Factory factory) { }
        @Override public void onStart(StartAction action) { starts.add(action); }
        @Override public void onStop(Runnable action) { stops.add(action); }
    }

    @Test
    void descriptorProvidesTheModuleAndRequiresOnlyTheApiAndSlf4j() {
        ModuleDescriptor d = LogModule.class.getModule().getDescriptor();
        assertEquals("io.jhttpd.mod.log", d.name());
        assertEquals(Set.of("io.jhttpd.api", "org.slf4j", "java.base"),
                d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of(), d.exports());
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        assertEquals(HttpdModule.class.getName(), provides.service());
        assertEquals(List.of(LogModule.class.getName()), provides.providers());
    }

    @Test
    void registersAsModLogConfig() {
        LogModule module = new LogModule();
        assertEquals("log", module.name());
        assertEquals(Set.of("log_config"), module.standsFor());
        RecordingSetup setup = new RecordingSetup();
        module.register(setup);
        assertEquals(List.of("GlobalLog", "BufferedLogs", "LogFormat", "CustomLog", "TransferLog"), setup.directives);
        assertEquals(List.of(LogConfig.KEY), setup.keys);
        assertEquals(HookOrder.MIDDLE, setup.orders.get(Phase.LOG_TRANSACTION));
        assertEquals(1, setup.starts.size());
        assertEquals(1, setup.stops.size());
    }

    @Test
    void startLogStop(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("logs"));
        FakeDirectiveContext ctx = new FakeDirectiveContext(root).apply("CustomLog", "logs/access_log", "%U %>s");
        FakeServer main = new FakeServer("localhost", 0).with(LogConfig.KEY, ctx.config(LogConfig.KEY));
        ServerContext server = new ServerContext() {
            @Override public List<Server> servers() { return List.of(main); }
            @Override public Path serverRoot() { return root; }
            @Override public boolean isConfigTest() { return false; }
        };
        RecordingSetup setup = new RecordingSetup();
        new LogModule().register(setup);

        setup.starts.get(0).start(server);
        FakeRequest r = new FakeRequest();
        r.server = main;
        r.uri = "/hello";
        assertTrue(setup.hooks.get(Phase.LOG_TRANSACTION).run(r).isOk());
        setup.stops.get(0).run();
        assertTrue(setup.hooks.get(Phase.LOG_TRANSACTION).run(r).isOk(), "after stop nothing is written, nothing fails");

        assertEquals(List.of("/hello 200"), Files.readAllLines(root.resolve("logs/access_log")));
    }
}
