package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticModuleTest {

    /** What a module registered, as the kernel's setup would record it. */
    static final class RecordingSetup implements ModuleSetup {
        final Map<String, Directive> directives = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<ConfigKey<?>> keys = new ArrayList<>();
        final Map<Phase, RequestHook> hooks = new HashMap<>();
        final Map<Phase, HookOrder> orders = new HashMap<>();
        final List<StartAction> starts = new ArrayList<>();

        @Override public void directive(Directive directive) { directives.put(directive.name(), directive); }
        @Override public void config(ConfigKey<?> key) { keys.add(key); }

        @Override
        public void hook(Phase phase, RequestHook hook, HookOrder order) {
            hooks.put(phase, hook);
            orders.put(phase, order);
        }

        @Override public void outputFilter(String name, FilterType type, OutputFilter.Factory factory) { }
        @Override public void inputFilter(String name, FilterType type, InputFilter.Factory factory) { }
        @Override public void onStart(StartAction action) { starts.add(action); }
        @Override public void onStop(Runnable action) { }
    }

    /** The main server with its TypesConfig object. */
    private static ServerContext context(Path serverRoot, TypesConfig types) {
        Server main = (Server) java.lang.reflect.Proxy.newProxyInstance(Server.class.getClassLoader(),
                new Class<?>[] {Server.class}, (proxy, method, args) -> {
                    if (method.getName().equals("config")) {
                        return args[0] == TypesConfig.KEY ? types : ((ConfigKey<?>) args[0]).create();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ServerContext() {
            @Override public List<Server> servers() { return List.of(main); }
            @Override public Path serverRoot() { return serverRoot; }
            @Override public boolean isConfigTest() { return false; }
        };
    }

    @Test
    void descriptorProvidesTheModuleAndRequiresOnlyTheApiAndSlf4j() {
        java.lang.module.ModuleDescriptor d = StaticModule.class.getModule().getDescriptor();
        assertEquals("io.jhttpd.mod.staticfiles", d.name());
        assertEquals(Set.of("io.jhttpd.api", "org.slf4j", "java.base"),
                d.requires().stream().map(java.lang.module.ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of(), d.exports(), "the provider stays in a non-exported package");
        java.lang.module.ModuleDescriptor.Provides provides = d.provides().iterator().next();
        assertEquals(HttpdModule.class.getName(), provides.service());
        assertEquals(List.of(StaticModule.class.getName()), provides.providers());
    }

    @Test
    void answersForModMimeAndModDir() {
        HttpdModule module = new StaticModule();
        assertEquals("static", module.name());
        assertEquals(Set.of("mime", "dir"), module.standsFor());
    }

    @Test
    void registersDirectivesKeysAndHooksInApacheOrder() {
        RecordingSetup setup = new RecordingSetup();
        new StaticModule().register(setup);

        assertEquals(Set.of("AddType", "AddCharset", "AddEncoding", "RemoveType", "RemoveCharset", "RemoveEncoding",
                "ForceType", "AddDefaultCharset", "TypesConfig", "DirectoryIndex", "DirectorySlash", "FallbackResource", "EnableSendfile",
                "FileETag", "MaxRanges", "MaxRangeOverlaps", "MaxRangeReversals", "OpenFileCache", "IndexOptions"),
                setup.directives.keySet());
        assertEquals(List.of(MimeConfig.KEY, TypesConfig.KEY, DirConfig.KEY, FileConfig.KEY, OpenFileCacheConfig.KEY,
                DirectoryListing.KEY), setup.keys);
        assertEquals(HookOrder.MIDDLE, setup.orders.get(Phase.TYPE_CHECKER));
        assertEquals(HookOrder.LAST, setup.orders.get(Phase.FIXUPS));
        assertEquals(HookOrder.REALLY_LAST, setup.orders.get(Phase.HANDLER));
        assertEquals(1, setup.starts.size());
    }

    @Test
    void loadsConfMimeTypesUnderServerRootByDefault(@TempDir Path serverRoot) throws Exception {
        Files.createDirectories(serverRoot.resolve("conf"));
        try (InputStream fixture = getClass().getResourceAsStream("/mime.types")) {
            Files.copy(fixture, serverRoot.resolve("conf/mime.types"));
        }
        Files.writeString(serverRoot.resolve("page.html"), "x");
        RecordingSetup setup = new RecordingSetup();
        new StaticModule().register(setup);

        setup.starts.get(0).start(context(serverRoot, new TypesConfig()));

        FakeRequest r = FakeRequest.forFile("/page.html", serverRoot.resolve("page.html"));
        setup.hooks.get(Phase.TYPE_CHECKER).run(r);
        assertEquals("text/html", r.contentType);
    }

    @Test
    void typesConfigNamesAnotherFile(@TempDir Path serverRoot) throws Exception {
        Files.writeString(serverRoot.resolve("my.types"), "text/x-mine mine\n");
        FakeDirectiveContext ctx = new FakeDirectiveContext(serverRoot);
        TypesConfig.directive().handler().apply(ctx, List.of("my.types"));
        RecordingSetup setup = new RecordingSetup();
        new StaticModule().register(setup);

        setup.starts.get(0).start(context(serverRoot, ctx.config(TypesConfig.KEY)));

        FakeRequest r = FakeRequest.forFile("/x.mine", serverRoot.resolve("x.mine"));
        setup.hooks.get(Phase.TYPE_CHECKER).run(r);
        assertEquals("text/x-mine", r.contentType);
    }

    @Test
    void aMissingTypesFileStopsTheStartNamingThePath(@TempDir Path serverRoot) throws IOException {
        RecordingSetup setup = new RecordingSetup();
        new StaticModule().register(setup);
        ConfigException e = assertThrows(ConfigException.class,
                () -> setup.starts.get(0).start(context(serverRoot, new TypesConfig())));
        assertTrue(e.getMessage().contains(serverRoot.resolve("conf/mime.types").toString()), e.getMessage());
    }
}
