package io.jhttpd.kernel.module;

import io.jhttpd.api.ConfigKey;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each registered {@link ConfigKey} a slot number, so configuration vectors are arrays
 * indexed by slot (as Apache's {@code ap_get_module_config} indexes by module number).
 */
public final class ConfigSlots {

    private final Map<ConfigKey<?>, Integer> slots = new IdentityHashMap<>();
    private final List<ConfigKey<?>> keys = new ArrayList<>();

    public void register(ConfigKey<?> key) {
        if (!slots.containsKey(key)) {
            slots.put(key, keys.size());
            keys.add(key);
        }
    }

    /** The slot of {@code key}, or -1 if it was never registered. */
    public int slot(ConfigKey<?> key) {
        Integer s = slots.get(key);
        return s == null ? -1 : s;
    }

    public ConfigKey<?> key(int slot) {
        return keys.get(slot);
    }

    public int size() {
        return keys.size();
    }
}
