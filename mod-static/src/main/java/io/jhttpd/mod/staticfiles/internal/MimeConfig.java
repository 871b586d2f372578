package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * mod_mime's per-directory settings: the {@code AddType} extension mappings of a section.
 * A mapping set here wins over {@code TypesConfig} for its extension, inner sections win over
 * outer ones, per extension (Apache's {@code extension_mappings} overlay).
 *
 * <p>Filled by directive handlers while the configuration is read; merged objects are new and
 * never change afterwards.
 */
final class MimeConfig {

    static final ConfigKey<MimeConfig> KEY = ConfigKey.perDirectory("mime", MimeConfig::new, MimeConfig::merge);

    private final Map<String, String> forcedTypes;

    MimeConfig() {
        this.forcedTypes = new HashMap<>(4);
    }

    private MimeConfig(Map<String, String> forcedTypes) {
        this.forcedTypes = forcedTypes;
    }

    static List<Directive> directives() {
        return List.of(Directive.of("AddType", ArgShape.ITERATE2, Scope.EVERYWHERE, (ctx, args) -> {
            MimeConfig c = ctx.config(KEY);
            for (String ext : args.subList(1, args.size())) {
                c.addType(args.get(0), ext);
            }
        }).override(OverrideClass.FILE_INFO).help("a mapping from a file extension to a content type"));
    }

    /**
     * Maps {@code extension} (with or without leading dot) to {@code type}. Apache lower-cases
     * both and ignores empty values.
     */
    void addType(String type, String extension) {
        String ext = extension.startsWith(".") ? extension.substring(1) : extension;
        if (type.isEmpty() || ext.isEmpty()) {
            return;
        }
        forcedTypes.put(ext.toLowerCase(Locale.ROOT), type.toLowerCase(Locale.ROOT));
    }

    /** The {@code AddType} type for {@code lowerCaseExtension}, or {@code null}. */
    String forcedType(String lowerCaseExtension) {
        return forcedTypes.get(lowerCaseExtension);
    }

    private static MimeConfig merge(MimeConfig base, MimeConfig add) {
        if (add.forcedTypes.isEmpty()) {
            return base;
        }
        if (base.forcedTypes.isEmpty()) {
            return add;
        }
        Map<String, String> merged = new HashMap<>(base.forcedTypes);
        merged.putAll(add.forcedTypes);
        return new MimeConfig(merged);
    }
}
