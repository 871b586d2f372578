package io.jhttpd.kernel.core;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.kernel.module.ConfigSlots;

/**
 * The configuration objects of one place (a server, or a section), indexed by {@link ConfigSlots}
 * slot. A {@code null} entry means the place did not set anything for that key, so merging keeps
 * the outer value.
 */
public final class ConfigVector {

    private Object[] values;

    public ConfigVector(int size) {
        values = new Object[size];
    }

    private ConfigVector(Object[] values) {
        this.values = values;
    }

    /** The object in {@code slot}, creating it from {@code key} if the place has none yet. */
    @SuppressWarnings("unchecked")
    public <T> T getOrCreate(int slot, ConfigKey<T> key) {
        ensure(slot + 1);
        Object v = values[slot];
        if (v == null) {
            v = key.create();
            values[slot] = v;
        }
        return (T) v;
    }

    /** The object in {@code slot}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(int slot) {
        return slot < values.length ? (T) values[slot] : null;
    }

    /** Makes sure every registered key has an object (for the outermost level). */
    public void fillDefaults(ConfigSlots slots, boolean perDirectory) {
        ensure(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            ConfigKey<?> key = slots.key(i);
            if (values[i] == null && key.isPerDirectory() == perDirectory) {
                values[i] = key.create();
            }
        }
    }

    /** {@code base} merged with {@code add} (inner, wins); neither argument is changed. */
    public static ConfigVector merge(ConfigSlots slots, ConfigVector base, ConfigVector add) {
        int n = slots.size();
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Object b = i < base.values.length ? base.values[i] : null;
            Object a = i < add.values.length ? add.values[i] : null;
            out[i] = a == null ? b : b == null ? a : mergeOne(slots.key(i), b, a);
        }
        return new ConfigVector(out);
    }

    @SuppressWarnings("unchecked")
    private static <T> Object mergeOne(ConfigKey<T> key, Object base, Object add) {
        return key.merge((T) base, (T) add);
    }

    private void ensure(int size) {
        if (values.length < size) {
            values = java.util.Arrays.copyOf(values, size);
        }
    }
}
