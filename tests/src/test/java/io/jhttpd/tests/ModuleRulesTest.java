package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one dependency rule (DESIGN.md §1), read from the compiled descriptors of every {@code mpm-*}
 * and {@code mod-*} folder of the reactor: each requires {@code io.jhttpd.api} and
 * {@code org.slf4j} and nothing else of ours, provides exactly one {@code HttpdModule} or
 * {@code Mpm}, and keeps its provider in a package it does not export.
 */
class ModuleRulesTest {

    private static final Set<String> ALLOWED_OF_OURS = Set.of("io.jhttpd.api");

    private static Path reactorRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("api/pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            fail("cannot find the reactor root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static List<Path> pluginFolders() throws IOException {
        try (Stream<Path> s = Files.list(reactorRoot())) {
            return s.filter(d -> {
                String n = d.getFileName().toString();
                return (n.startsWith("mpm-") || n.startsWith("mod-")) && Files.exists(d.resolve("pom.xml"));
            }).sorted().collect(Collectors.toList());
        }
    }

    private static ModuleDescriptor descriptor(Path folder) throws IOException {
        Path info = folder.resolve("target/classes/module-info.class");
        if (!Files.exists(info)) {
            fail(folder.getFileName() + " has no compiled module-info.class; build it before the tests module "
                    + "(add it as a dependency of tests/pom.xml)");
        }
        try (InputStream in = Files.newInputStream(info)) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void everyPluginModuleRequiresOnlyTheApiOfOurs() throws IOException {
        List<Path> folders = pluginFolders();
        assertFalse(folders.isEmpty(), "no mpm-* or mod-* folders found");
        List<String> violations = new ArrayList<>();
        for (Path folder : folders) {
            ModuleDescriptor d = descriptor(folder);
            for (ModuleDescriptor.Requires r : d.requires()) {
                String name = r.name();
                if (name.startsWith("io.jhttpd.") && !ALLOWED_OF_OURS.contains(name)) {
                    violations.add(d.name() + " requires " + name);
                }
            }
            assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("io.jhttpd.api")), d.name() + " must require io.jhttpd.api");
        }
        assertEquals(List.of(), violations, "plugin modules may require only io.jhttpd.api (and org.slf4j) of ours");
    }

    @Test
    void everyPluginModuleProvidesOneServiceFromAHiddenPackage() throws IOException {
        for (Path folder : pluginFolders()) {
            ModuleDescriptor d = descriptor(folder);
            String folderName = folder.getFileName().toString();
            String service = folderName.startsWith("mpm-") ? "io.jhttpd.api.spi.Mpm" : "io.jhttpd.api.spi.HttpdModule";
            List<ModuleDescriptor.Provides> provides = d.provides().stream()
                    .filter(p -> p.service().equals(service)).collect(Collectors.toList());
            assertEquals(1, provides.size(), d.name() + " must provide " + service + " exactly once");
            for (String impl : provides.get(0).providers()) {
                String pkg = impl.substring(0, impl.lastIndexOf('.'));
                Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
                assertFalse(exported.contains(pkg), d.name() + " exports the package of its provider " + impl);
            }
            assertTrue(d.name().startsWith(folderName.startsWith("mpm-") ? "io.jhttpd.mpm." : "io.jhttpd.mod."),
                    "module of " + folderName + " is named " + d.name());
        }
    }

    @Test
    void kernelUsesTheServicesAndExportsOnlyTheLauncher() throws IOException {
        ModuleDescriptor k = ModuleLayer.boot().findModule("io.jhttpd.kernel").orElseThrow().getDescriptor();
        assertEquals(new TreeSet<>(Set.of("io.jhttpd.api.spi.HttpdModule", "io.jhttpd.api.spi.Mpm", "io.jhttpd.api.spi.ErrorLogBackend")),
                new TreeSet<>(k.uses()));
        assertEquals(Set.of("io.jhttpd.kernel.launch"), k.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        ModuleDescriptor api = ModuleLayer.boot().findModule("io.jhttpd.api").orElseThrow().getDescriptor();
        assertEquals(Set.of("java.base"), api.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()),
                "the api depends on java.base only");
        assertEquals(Set.of("io.jhttpd.api", "io.jhttpd.api.spi"),
                api.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void testsRunOnTheModulePath() {
        assertTrue(ModuleRulesTest.class.getModule().isNamed(), "tests must run on the module path");
        assertTrue(ModuleLayer.boot().findModule("io.jhttpd.mod.staticfiles").isPresent());
        assertTrue(ModuleLayer.boot().findModule("io.jhttpd.mpm.worker").isPresent());
    }
}
