package io.jhttpd.kernel.module;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every directive the loaded modules declare, by case-insensitive name. */
public final class DirectiveTable {

    /** A declared directive and the module that declared it. */
    public record Entry(Directive directive, String module) {
    }

    private final Map<String, Entry> byName = new TreeMap<>();

    public void add(Directive d, String module) throws ConfigException {
        String key = d.name().toLowerCase(Locale.ROOT);
        Entry old = byName.get(key);
        if (old != null) {
            throw new ConfigException("JH00011: directive " + d.name() + " is declared by both " + old.module() + " and " + module);
        }
        byName.put(key, new Entry(d, module));
    }

    public Entry find(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<Entry> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
