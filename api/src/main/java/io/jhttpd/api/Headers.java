package io.jhttpd.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * An ordered, case-insensitive multimap of HTTP header fields, like Apache's {@code apr_table_t}.
 *
 * <p>Fields keep the order they were added in and the spelling of their names; lookups ignore
 * ASCII case. A name may occur several times ({@code Set-Cookie}, {@code Vary}). Not thread-safe:
 * a request's headers belong to the thread serving it.
 *
 * <pre>{@code
 * Headers h = new Headers();
 * h.add("Vary", "Accept-Encoding");
 * h.set("Content-Type", "text/html");
 * String type = h.get("content-type");   // "text/html"
 * }</pre>
 */
public final class Headers implements Iterable<Headers.Field> {

    /** One header field: its name as spelled when added, and its value. */
    public record Field(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private static final String[] NONE = {};

    private String[] names;
    private String[] values;
    private int size;

    /** An empty header set. */
    public Headers() {
        // many sets stay empty (a response's error headers); the first field makes room for 8
        names = NONE;
        values = NONE;
    }

    /** A copy of {@code other}. */
    public Headers(Headers other) {
        names = other.names.clone();
        values = other.values.clone();
        size = other.size;
    }

    /** Number of fields, counting repeated names separately. */
    public int size() {
        return size;
    }

    /** True if no field is present. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The value of the first field named {@code name}, or {@code null}. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** All values of fields named {@code name}, in order; empty if none. */
    public List<String> getAll(String name) {
        List<String> all = null;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (all == null) {
                all = new ArrayList<>(2);
            }
            all.add(values[i]);
        }
        return all == null ? List.of() : Collections.unmodifiableList(all);
    }

    /**
     * The values of the fields named {@code name} as one, joined with {@code ", "} (as Apache
     * merges a repeated request field), or {@code null} if none.
     */
    public String joined(String name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return null;
        }
        int next = indexOf(name, first + 1);
        if (next < 0) {
            return values[first];
        }
        StringBuilder sb = new StringBuilder(values[first]);
        for (int i = next; i >= 0; i = indexOf(name, i + 1)) {
            sb.append(", ").append(values[i]);
        }
        return sb.toString();
    }

    /** True if a field named {@code name} is present. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * True if a field named {@code name} holds {@code token} in its comma-separated list,
     * ignoring case ({@code Connection: keep-alive, Upgrade} contains {@code upgrade}).
     */
    public boolean containsToken(String name, String token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (listContains(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a field after the existing ones, keeping any others of the same name. */
    public Headers add(String name, String value) {
        if (size == names.length) {
            // most requests and responses carry 8 fields or fewer; the arrays double for the others
            int n = size == 0 ? 8 : size * 2;
            names = java.util.Arrays.copyOf(names, n);
            values = java.util.Arrays.copyOf(values, n);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces all fields named {@code name} with one field, at the place of the first. */
    public Headers set(String name, String value) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return add(name, value);
        }
        values[first] = value;
        removeFrom(name, first + 1);
        return this;
    }

    /** Removes every field named {@code name}; returns true if one was present. */
    public boolean remove(String name) {
        return removeFrom(name, 0);
    }

    /** Removes every field. */
    public void clear() {
        java.util.Arrays.fill(names, 0, size, null);
        java.util.Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** Adds every field of {@code other}, in order. */
    public Headers addAll(Headers other) {
        for (int i = 0; i < other.size; i++) {
            add(other.names[i], other.values[i]);
        }
        return this;
    }

    /** Calls {@code action} with each field's name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    /** The name of the field at {@code index} (0-based, in order of addition). */
    public String nameAt(int index) {
        checkIndex(index);
        return names[index];
    }

    /** The value of the field at {@code index} (0-based, in order of addition). */
    public String valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    @Override
    public Iterator<Field> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Field next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                Field f = new Field(names[next], values[next]);
                next++;
                return f;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(names[i]).append(": ").append(values[i]).append('\n');
        }
        return sb.toString();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean removeFrom(String name, int from) {
        int w = from;
        for (int r = from; r < size; r++) {
            if (!names[r].equalsIgnoreCase(name)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        boolean removed = w != size;
        java.util.Arrays.fill(names, w, size, null);
        java.util.Arrays.fill(values, w, size, null);
        size = w;
        return removed;
    }

    private static boolean listContains(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            int comma = list.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            int s = i;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) {
                s++;
            }
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, token.length())) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }
}
