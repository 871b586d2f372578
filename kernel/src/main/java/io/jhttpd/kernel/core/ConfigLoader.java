package io.jhttpd.kernel.core;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.Mpm;
import io.jhttpd.kernel.config.ConfigNode;
import io.jhttpd.kernel.config.ConfigReader;
import io.jhttpd.kernel.module.FilterRegistry;
import io.jhttpd.kernel.module.LoadedModule;
import io.jhttpd.kernel.module.ModuleCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds a {@link ServerModel}: registers the core and every module of the image, reads the
 * configuration (executing {@code LoadModule} as it is read, which also picks the MPM), applies
 * it, and sorts the hooks.
 */
public final class ConfigLoader {

    /** Modules the kernel itself adds before the image's (the engine's core hooks). */
    private final List<Consumer<ModuleSetup>> coreHookRegistrations = new ArrayList<>();
    private final List<HttpdModule> extraModules = new ArrayList<>();
    private final String softwareVersion;

    public ConfigLoader(String softwareVersion) {
        this.softwareVersion = softwareVersion;
    }

    /** Adds registrations made under the core module's name (the engine's hooks and filters). */
    public ConfigLoader withCoreRegistrations(Consumer<ModuleSetup> registration) {
        coreHookRegistrations.add(registration);
        return this;
    }

    /** Adds a module that is not found by discovery (tests). */
    public ConfigLoader withModule(HttpdModule module) {
        extraModules.add(module);
        return this;
    }

    public ServerModel load(Path serverRoot, Path configFile, Map<String, String> defines,
            List<String> before, List<String> after) throws ConfigException {
        ServerModel model = new ServerModel();
        model.serverRoot = serverRoot;
        model.configFile = configFile;
        ModuleCatalog catalog = ModuleCatalog.boot();

        CoreModule core = new CoreModule(model.global);
        LoadedModule coreLoaded = new LoadedModule(core, LoadedModule.Origin.BUILT_IN);
        register(model, coreLoaded);
        for (Consumer<ModuleSetup> r : coreHookRegistrations) {
            r.accept(new Setup(model, "core"));
        }
        for (HttpdModule m : catalog.modules()) {
            register(model, new LoadedModule(m, LoadedModule.Origin.STATIC));
        }
        for (HttpdModule m : extraModules) {
            register(model, new LoadedModule(m, LoadedModule.Origin.STATIC));
        }
        if (catalog.mpms().size() == 1) {
            selectMpm(model, catalog.mpms().get(0));
        }

        ConfigReader.ReadTimeHooks hooks = new ConfigReader.ReadTimeHooks() {
            @Override
            public boolean isModuleLoaded(String name) {
                return findLoaded(model, name) != null;
            }

            @Override
            public void loadModule(String name, String path, Path file, int line) throws ConfigException {
                ConfigLoader.this.loadModule(model, catalog, name, path, serverRoot);
            }

            @Override
            public boolean isDirectiveKnown(String name) {
                return model.directives.find(name) != null || ConfigApplier.isCoreSection(name);
            }
        };
        ConfigReader reader = new ConfigReader(serverRoot, defines, hooks);
        List<ConfigNode> nodes = new ArrayList<>();
        for (String d : before) {
            nodes.addAll(reader.readText(d, "-C argument"));
        }
        nodes.addAll(reader.read(configFile));
        for (String d : after) {
            nodes.addAll(reader.readText(d, "-c argument"));
        }
        model.serverRoot = reader.serverRoot();

        if (model.mpm == null) {
            String found = catalog.mpms().isEmpty() ? "none"
                    : catalog.mpms().stream().map(m -> "mpm_" + m.name() + "_module").collect(Collectors.joining(", "));
            throw new ConfigException("JH00016: no MPM loaded. Name one with LoadModule mpm_NAME_module (MPMs in this image: " + found + ")");
        }

        ConfigApplier applier = new ConfigApplier(model.directives, model.slots, model.serverRoot);
        applier.apply(nodes);
        model.software = softwareName(model.global.serverTokens(), softwareVersion);
        model.main = applier.main();
        model.main.finish(null, model.serverRoot, model.software);
        for (VirtualServer v : applier.virtualHosts()) {
            v.finish(model.main, model.serverRoot, model.software);
        }
        model.virtualHosts = List.copyOf(applier.virtualHosts());
        model.accessFiles = new AccessFiles(reader, applier);
        model.hooks.sort();
        return model;
    }

    static String softwareName(String tokens, String version) {
        String[] parts = version.split("\\.");
        switch (tokens) {
            case "prod":
                return "jhttpd";
            case "major":
                return "jhttpd/" + parts[0];
            case "minor":
                return "jhttpd/" + parts[0] + (parts.length > 1 ? "." + parts[1] : "");
            case "min":
                return "jhttpd/" + version;
            default:
                return "jhttpd/" + version + " (Unix)";
        }
    }

    private static LoadedModule findLoaded(ServerModel model, String name) {
        for (LoadedModule m : model.modules) {
            if (m.answersTo(name)) {
                return m;
            }
        }
        return null;
    }

    private void loadModule(ServerModel model, ModuleCatalog catalog, String name, String path, Path serverRoot)
            throws ConfigException {
        if (findLoaded(model, name) != null) {
            return;
        }
        for (Mpm m : catalog.mpms()) {
            if (new LoadedModule(m, LoadedModule.Origin.STATIC).answersTo(name)) {
                if (model.mpm != null) {
                    throw new ConfigException("JH00014: cannot load " + name + ": mpm_" + model.mpm.name()
                            + "_module is already loaded, and only one MPM can run");
                }
                selectMpm(model, m);
                return;
            }
        }
        if (path.endsWith(".jar")) {
            Path jar = Path.of(path);
            if (!jar.isAbsolute()) {
                jar = serverRoot.resolve(jar);
            }
            for (HttpdModule m : ModuleCatalog.loadJar(jar)) {
                if (m instanceof Mpm) {
                    if (model.mpm != null) {
                        throw new ConfigException("JH00014: cannot load " + jar + ": mpm_" + model.mpm.name()
                                + "_module is already loaded, and only one MPM can run");
                    }
                    model.mpm = (Mpm) m;
                    register(model, new LoadedModule(m, LoadedModule.Origin.SHARED));
                } else {
                    register(model, new LoadedModule(m, LoadedModule.Origin.SHARED));
                }
            }
            if (findLoaded(model, name) == null) {
                throw new ConfigException("JH00019: " + jar + " does not provide a module named " + name);
            }
            return;
        }
        String available = model.modules.stream().map(LoadedModule::apacheName).collect(Collectors.joining(", "));
        throw new ConfigException("JH00015: module " + name + " is not in this image and " + path
                + " is not a module jar (modules here: " + available + ")");
    }

    private void selectMpm(ServerModel model, Mpm mpm) throws ConfigException {
        model.mpm = mpm;
        register(model, new LoadedModule(mpm, LoadedModule.Origin.STATIC));
    }

    private void register(ServerModel model, LoadedModule loaded) throws ConfigException {
        model.modules.add(loaded);
        Setup setup = new Setup(model, loaded.name());
        loaded.module().register(setup);
        if (setup.failure != null) {
            throw setup.failure;
        }
    }

    /** What one module registers into the model. */
    private static final class Setup implements ModuleSetup {
        private final ServerModel model;
        private final String module;
        ConfigException failure;

        Setup(ServerModel model, String module) {
            this.model = model;
            this.module = module;
        }

        @Override
        public void directive(Directive directive) {
            try {
                model.directives.add(directive, module);
            } catch (ConfigException e) {
                failure = e;
            }
        }

        @Override
        public void config(ConfigKey<?> key) {
            model.slots.register(key);
        }

        @Override
        public void hook(Phase phase, RequestHook hook, HookOrder order) {
            model.hooks.add(phase, module, hook, order);
        }

        @Override
        public void outputFilter(String name, FilterType type, OutputFilter.Factory factory) {
            model.filters.addOutput(new FilterRegistry.OutputEntry(name, module, type, factory));
        }

        @Override
        public void inputFilter(String name, FilterType type, InputFilter.Factory factory) {
            model.filters.addInput(new FilterRegistry.InputEntry(name, module, type, factory));
        }

        @Override
        public void onStart(StartAction action) {
            model.startActions.add(action);
        }

        @Override
        public void onStop(Runnable action) {
            model.stopActions.add(action);
        }
    }
}
