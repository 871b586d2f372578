package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * mod_mime's per-directory settings, and the core's {@code ForceType} and {@code AddDefaultCharset}
 * that decide a static file's type:
 *
 * <pre>
 * AddType type ext...          a type for an extension; wins over TypesConfig
 * AddCharset charset ext...    "; charset=..." added to the type of files with that extension
 * AddEncoding encoding ext...  Content-Encoding for that extension (several extensions accumulate: "x-gzip, x-compress")
 * RemoveType / RemoveCharset / RemoveEncoding ext...   forget what outer sections added for the extension
 * ForceType type|none          every file here gets this type, whatever its name
 * AddDefaultCharset On|Off|charset   text/plain and text/html without a charset get one (On: iso-8859-1)
 * </pre>
 *
 * Inner sections win over outer ones, per extension (Apache's {@code extension_mappings} overlay).
 * Filled by directive handlers while the configuration is read; merged objects are new and never
 * change afterwards.
 */
final class MimeConfig {

    static final ConfigKey<MimeConfig> KEY = ConfigKey.perDirectory("mime", MimeConfig::new, MimeConfig::merge);

    /** What an extension maps to, one map per kind of mapping. */
    enum Kind { TYPE, CHARSET, ENCODING }

    private final Map<Kind, Map<String, String>> mappings;
    /** Extensions whose mapping of a kind a {@code Remove*} here takes away from outer sections. */
    private final Map<Kind, Set<String>> removed;
    /** {@code ForceType}: {@code null} unset, "" for {@code none}. */
    private String forcedType;
    /** {@code AddDefaultCharset}: {@code null} unset, "" for Off. */
    private String defaultCharset;

    MimeConfig() {
        this.mappings = new HashMap<>(4);
        this.removed = new HashMap<>(2);
    }

    static List<Directive> directives() {
        return List.of(
                add("AddType", Kind.TYPE, "a mapping from a file extension to a content type"),
                add("AddCharset", Kind.CHARSET, "a charset followed by file extensions"),
                add("AddEncoding", Kind.ENCODING, "an encoding (e.g. gzip) followed by file extensions"),
                remove("RemoveType", Kind.TYPE),
                remove("RemoveCharset", Kind.CHARSET),
                remove("RemoveEncoding", Kind.ENCODING),
                Directive.of("ForceType", ArgShape.TAKE1, Scope.EVERYWHERE, (ctx, args) -> {
                    String type = args.get(0);
                    ctx.config(KEY).forcedType = "none".equalsIgnoreCase(type) ? "" : type.toLowerCase(Locale.ROOT);
                }).override(OverrideClass.FILE_INFO).help("a media type every file here is served as, or \"none\""),
                Directive.of("AddDefaultCharset", ArgShape.TAKE1, Scope.EVERYWHERE, (ctx, args) -> {
                    String value = args.get(0);
                    ctx.config(KEY).defaultCharset = "off".equalsIgnoreCase(value) ? ""
                            : "on".equalsIgnoreCase(value) ? "iso-8859-1" : value;
                }).override(OverrideClass.FILE_INFO).help("The name of the default charset to add to any Content-Type without one or 'Off' to disable"));
    }

    private static Directive add(String name, Kind kind, String help) {
        return Directive.of(name, ArgShape.ITERATE2, Scope.EVERYWHERE, (ctx, args) -> {
            MimeConfig c = ctx.config(KEY);
            for (String ext : args.subList(1, args.size())) {
                c.map(kind, args.get(0), ext);
            }
        }).override(OverrideClass.FILE_INFO).help(help);
    }

    private static Directive remove(String name, Kind kind) {
        return Directive.of(name, ArgShape.ITERATE, Scope.EVERYWHERE, (ctx, args) -> {
            MimeConfig c = ctx.config(KEY);
            for (String ext : args) {
                String key = extensionKey(ext);
                c.removed.computeIfAbsent(kind, k -> new HashSet<>()).add(key);
                Map<String, String> here = c.mappings.get(kind);
                if (here != null) {
                    here.remove(key);
                }
            }
        }).override(OverrideClass.FILE_INFO).help("one or more file extensions");
    }

    /** Maps {@code extension} (with or without leading dot) to {@code type}. Apache lower-cases extensions and values. */
    void addType(String type, String extension) {
        map(Kind.TYPE, type, extension);
    }

    private void map(Kind kind, String value, String extension) {
        String ext = extensionKey(extension);
        if (value.isEmpty() || ext.isEmpty()) {
            return;
        }
        String v = value.toLowerCase(Locale.ROOT);
        mappings.computeIfAbsent(kind, k -> new HashMap<>()).put(ext, v);
        Set<String> gone = removed.get(kind);
        if (gone != null) {
            gone.remove(ext);
        }
    }

    private static String extensionKey(String extension) {
        String ext = extension.startsWith(".") ? extension.substring(1) : extension;
        return ext.toLowerCase(Locale.ROOT);
    }

    /** The {@code AddType} type for {@code lowerCaseExtension}, or {@code null}. */
    String forcedType(String lowerCaseExtension) {
        return mapping(Kind.TYPE, lowerCaseExtension);
    }

    /** The mapping of {@code kind} for {@code lowerCaseExtension}, or {@code null}. */
    String mapping(Kind kind, String lowerCaseExtension) {
        Map<String, String> m = mappings.get(kind);
        return m == null ? null : m.get(lowerCaseExtension);
    }

    /** {@code ForceType}'s type, or {@code null}. */
    String forceType() {
        return forcedType == null || forcedType.isEmpty() ? null : forcedType;
    }

    /** {@code AddDefaultCharset}'s charset, or {@code null} when off. */
    String defaultCharset() {
        return defaultCharset == null || defaultCharset.isEmpty() ? null : defaultCharset;
    }

    private static MimeConfig merge(MimeConfig base, MimeConfig add) {
        MimeConfig m = new MimeConfig();
        for (Kind kind : Kind.values()) {
            Map<String, String> merged = new HashMap<>(base.mappings.getOrDefault(kind, Map.of()));
            merged.keySet().removeAll(add.removed.getOrDefault(kind, Set.of()));
            merged.putAll(add.mappings.getOrDefault(kind, Map.of()));
            if (!merged.isEmpty()) {
                m.mappings.put(kind, merged);
            }
        }
        m.forcedType = add.forcedType != null ? add.forcedType : base.forcedType;
        m.defaultCharset = add.defaultCharset != null ? add.defaultCharset : base.defaultCharset;
        return m;
    }
}
