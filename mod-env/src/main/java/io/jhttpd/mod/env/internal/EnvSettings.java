package io.jhttpd.mod.env.internal;

import io.jhttpd.api.ConfigKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One directory section's {@code SetEnv}/{@code PassEnv}/{@code UnsetEnv}, as Apache's
 * {@code env_dir_config_rec}: the variables to set, and the names an inner section unsets from
 * what outer sections set. Filled while the configuration is read; merged objects are never changed.
 */
final class EnvSettings {

    static final ConfigKey<EnvSettings> KEY = ConfigKey.perDirectory("env", EnvSettings::new, EnvSettings::merge);

    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Set<String> unset = new LinkedHashSet<>();

    /** {@code SetEnv} or {@code PassEnv}: a later {@code UnsetEnv} of the same section can take it back. */
    void set(String name, String value) {
        vars.put(name, value);
    }

    /** {@code UnsetEnv}: removes it here and from what outer sections set. */
    void unset(String name) {
        vars.remove(name);
        unset.add(name);
    }

    /** The variables a request in this section gets, in the order they were set. */
    Map<String, String> vars() {
        return Collections.unmodifiableMap(vars);
    }

    /** Apache's {@code merge_env_dir_configs}: outer variables, minus what the inner unsets, overlaid by the inner's. */
    static EnvSettings merge(EnvSettings base, EnvSettings add) {
        EnvSettings merged = new EnvSettings();
        merged.vars.putAll(base.vars);
        for (String name : add.unset) {
            merged.vars.remove(name);
        }
        merged.vars.putAll(add.vars);
        return merged;
    }
}
