package io.jhttpd.kernel.core;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which filters a directory's requests get, by Apache's directives: {@code SetOutputFilter} and
 * {@code SetInputFilter} (core: every request), {@code AddOutputFilter}/{@code AddInputFilter} and
 * their {@code Remove} forms (mod_mime: by file extension), {@code AddOutputFilterByType}
 * (mod_filter: by the response's content type, decided when its first bytes pass). Filter lists
 * are semicolon-separated, as in Apache; names compare without case.
 */
public final class FilterConfig {

    /** The per-directory settings. */
    public static final ConfigKey<FilterConfig> KEY = ConfigKey.perDirectory("core-filters", FilterConfig::new, FilterConfig::merge);

    private List<String> setOutput;
    private List<String> setInput;
    private Map<String, List<String>> outputByExtension = new HashMap<>();
    private Map<String, List<String>> inputByExtension = new HashMap<>();
    /** Filter name (as written) to the content types it applies to, in declaration order. */
    private Map<String, Set<String>> outputByType = new LinkedHashMap<>();

    static FilterConfig merge(FilterConfig base, FilterConfig add) {
        FilterConfig m = new FilterConfig();
        m.setOutput = add.setOutput != null ? add.setOutput : base.setOutput;
        m.setInput = add.setInput != null ? add.setInput : base.setInput;
        m.outputByExtension = mergeByExtension(base.outputByExtension, add.outputByExtension);
        m.inputByExtension = mergeByExtension(base.inputByExtension, add.inputByExtension);
        m.outputByType = new LinkedHashMap<>();
        base.outputByType.forEach((f, types) -> m.outputByType.put(f, new LinkedHashSet<>(types)));
        add.outputByType.forEach((f, types) -> m.outputByType.computeIfAbsent(f, k -> new LinkedHashSet<>()).addAll(types));
        return m;
    }

    /** A child's mapping of an extension replaces its parent's; an empty list (from {@code Remove...}) clears it. */
    private static Map<String, List<String>> mergeByExtension(Map<String, List<String>> base, Map<String, List<String>> add) {
        Map<String, List<String>> m = new HashMap<>(base);
        add.forEach((ext, filters) -> {
            if (filters.isEmpty()) {
                m.remove(ext);
            } else {
                m.put(ext, filters);
            }
        });
        return m;
    }

    /** {@code SetOutputFilter}'s filters (empty if none). */
    public List<String> setOutputFilters() {
        return setOutput == null ? List.of() : setOutput;
    }

    /** {@code SetInputFilter}'s filters (empty if none). */
    public List<String> setInputFilters() {
        return setInput == null ? List.of() : setInput;
    }

    /** {@code AddOutputFilter}'s filters for extension {@code ext} (lower case), or {@code null}. */
    public List<String> outputFiltersFor(String ext) {
        return outputByExtension.get(ext);
    }

    /** {@code AddInputFilter}'s filters for extension {@code ext} (lower case), or {@code null}. */
    public List<String> inputFiltersFor(String ext) {
        return inputByExtension.get(ext);
    }

    /** True if any extension maps to filters here. */
    public boolean hasExtensionFilters() {
        return !outputByExtension.isEmpty() || !inputByExtension.isEmpty();
    }

    /** {@code AddOutputFilterByType}: filter name to content types (lower case, without parameters). */
    public Map<String, Set<String>> outputFiltersByType() {
        return outputByType;
    }

    /** Declares the directives; the kernel's core module calls this. */
    static void register(ModuleSetup setup) {
        setup.config(KEY);
        setup.directive(Directive.of("SetOutputFilter", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(KEY).setOutput = filterList(a.get(0))).override(OverrideClass.FILE_INFO)
                .help("filters (separated by ;) for every response here"));
        setup.directive(Directive.of("SetInputFilter", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(KEY).setInput = filterList(a.get(0))).override(OverrideClass.FILE_INFO)
                .help("filters (separated by ;) for every request body here"));
        setup.directive(Directive.of("AddOutputFilter", ArgShape.ITERATE2, Scope.EVERYWHERE,
                (c, a) -> byExtension(c.config(KEY).outputByExtension, a)).override(OverrideClass.FILE_INFO)
                .help("filters (separated by ;) followed by file extensions"));
        setup.directive(Directive.of("AddInputFilter", ArgShape.ITERATE2, Scope.EVERYWHERE,
                (c, a) -> byExtension(c.config(KEY).inputByExtension, a)).override(OverrideClass.FILE_INFO)
                .help("filters (separated by ;) followed by file extensions"));
        setup.directive(Directive.of("RemoveOutputFilter", ArgShape.ITERATE, Scope.EVERYWHERE,
                (c, a) -> removeExtensions(c.config(KEY).outputByExtension, a)).override(OverrideClass.FILE_INFO)
                .help("file extensions whose output filters an outer section set are dropped"));
        setup.directive(Directive.of("RemoveInputFilter", ArgShape.ITERATE, Scope.EVERYWHERE,
                (c, a) -> removeExtensions(c.config(KEY).inputByExtension, a)).override(OverrideClass.FILE_INFO)
                .help("file extensions whose input filters an outer section set are dropped"));
        setup.directive(Directive.of("AddOutputFilterByType", ArgShape.ITERATE2, Scope.EVERYWHERE, FilterConfig::byType)
                .override(OverrideClass.FILE_INFO).help("filters (separated by ;) followed by content types"));
    }

    private static List<String> filterList(String value) {
        List<String> names = new ArrayList<>();
        for (String n : value.split(";")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        return List.copyOf(names);
    }

    private static String extension(String ext) {
        return (ext.startsWith(".") ? ext.substring(1) : ext).toLowerCase(Locale.ROOT);
    }

    private static void byExtension(Map<String, List<String>> map, List<String> a) {
        List<String> filters = filterList(a.get(0));
        for (String ext : a.subList(1, a.size())) {
            map.put(extension(ext), filters);
        }
    }

    private static void removeExtensions(Map<String, List<String>> map, List<String> a) {
        for (String ext : a) {
            map.put(extension(ext), List.of());
        }
    }

    private static void byType(DirectiveContext c, List<String> a) {
        FilterConfig f = c.config(KEY);
        for (String filter : filterList(a.get(0))) {
            Set<String> types = f.outputByType.computeIfAbsent(filter, k -> new LinkedHashSet<>());
            for (String t : a.subList(1, a.size())) {
                types.add(t.toLowerCase(Locale.ROOT));
            }
        }
    }
}
