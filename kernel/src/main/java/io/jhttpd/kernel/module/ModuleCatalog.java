package io.jhttpd.kernel.module;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.Mpm;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The modules and MPMs available to this server: found with {@link ServiceLoader} on the boot
 * layer (the runtime image), plus jars named by {@code LoadModule}, each loaded into a child
 * {@link ModuleLayer}. Lists are sorted by name, never left in discovery order.
 */
public final class ModuleCatalog {

    private final List<HttpdModule> modules = new ArrayList<>();
    private final List<Mpm> mpms = new ArrayList<>();

    /** The modules and MPMs of the boot layer. */
    public static ModuleCatalog boot() {
        ModuleCatalog c = new ModuleCatalog();
        ModuleLayer layer = ModuleCatalog.class.getModule().getLayer();
        if (layer == null) {
            layer = ModuleLayer.boot();
        }
        for (HttpdModule m : ServiceLoader.load(layer, HttpdModule.class)) {
            c.modules.add(m);
        }
        for (Mpm m : ServiceLoader.load(layer, Mpm.class)) {
            c.mpms.add(m);
        }
        c.modules.sort(Comparator.comparing(HttpdModule::name));
        c.mpms.sort(Comparator.comparing(Mpm::name));
        return c;
    }

    public List<HttpdModule> modules() {
        return modules;
    }

    public List<Mpm> mpms() {
        return mpms;
    }

    /**
     * Loads the JPMS module(s) in {@code jar} into a new layer above the kernel's and returns the
     * {@link HttpdModule} and {@link Mpm} providers they declare.
     */
    public static List<HttpdModule> loadJar(Path jar) throws ConfigException {
        if (!Files.isRegularFile(jar)) {
            throw new ConfigException("LoadModule: cannot load " + jar + ": no such file");
        }
        ModuleLayer parent = ModuleCatalog.class.getModule().getLayer();
        if (parent == null) {
            parent = ModuleLayer.boot();
        }
        ModuleFinder finder = ModuleFinder.of(jar);
        Set<String> roots = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        for (ModuleReference ref : finder.findAll()) {
            if (ref.descriptor().isAutomatic()) {
                throw new ConfigException("LoadModule: " + jar + " is not a named module (it has no module-info.class)");
            }
        }
        if (roots.isEmpty()) {
            throw new ConfigException("LoadModule: " + jar + " holds no module");
        }
        ModuleLayer layer;
        try {
            Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
            layer = parent.defineModulesWithOneLoader(cf, ModuleCatalog.class.getClassLoader());
        } catch (RuntimeException e) {
            throw new ConfigException("LoadModule: cannot load " + jar + ": " + e.getMessage());
        }
        List<HttpdModule> found = new ArrayList<>();
        for (HttpdModule m : ServiceLoader.load(layer, HttpdModule.class)) {
            if (m.getClass().getModule().getLayer() == layer) {
                found.add(m);
            }
        }
        for (Mpm m : ServiceLoader.load(layer, Mpm.class)) {
            if (m.getClass().getModule().getLayer() == layer) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            throw new ConfigException("LoadModule: " + jar + " provides no io.jhttpd.api.spi.HttpdModule");
        }
        return found;
    }
}
