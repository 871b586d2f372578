package io.jhttpd.kernel.module;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hooks registered per phase, sorted once at start-up as Apache sorts them: by position, then so
 * that named predecessors run first; ties by module name, never by discovery order.
 */
public final class HookRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HookRegistry.class);

    /** One registered hook. */
    public record Entry(String module, RequestHook hook, HookOrder order) {
    }

    private final Map<Phase, List<Entry>> registered = new EnumMap<>(Phase.class);
    private final Map<Phase, Entry[]> sorted = new EnumMap<>(Phase.class);

    public void add(Phase phase, String module, RequestHook hook, HookOrder order) {
        registered.computeIfAbsent(phase, p -> new ArrayList<>()).add(new Entry(module, hook, order));
        sorted.clear();
    }

    /** Sorts every phase; a cycle among before/after constraints is a start-up error. */
    public void sort() throws ConfigException {
        for (Phase phase : Phase.values()) {
            List<Entry> list = registered.getOrDefault(phase, List.of());
            Entry[] order = topologicalOrder(phase, list).toArray(new Entry[0]);
            sorted.put(phase, order);
            if (LOG.isDebugEnabled()) {
                StringBuilder sb = new StringBuilder();
                for (Entry e : order) {
                    sb.append(' ').append(e.module()).append('(').append(e.order().position()).append(')');
                }
                LOG.debug("hook order {}:{}", phase, sb);
            }
        }
    }

    /** The hooks of {@code phase} in run order. */
    public Entry[] hooks(Phase phase) {
        Entry[] e = sorted.get(phase);
        if (e == null) {
            throw new IllegalStateException("hooks not sorted");
        }
        return e;
    }

    private static List<Entry> topologicalOrder(Phase phase, List<Entry> list) throws ConfigException {
        List<Entry> base = new ArrayList<>(list);
        base.sort(Comparator.comparingInt((Entry e) -> e.order().position()).thenComparing(Entry::module));
        int n = base.size();
        boolean[][] mustPrecede = new boolean[n][n];
        int[] incoming = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                Entry a = base.get(i);
                Entry b = base.get(j);
                boolean edge = b.order().afterModules().contains(a.module()) || a.order().beforeModules().contains(b.module());
                if (edge && !mustPrecede[i][j]) {
                    mustPrecede[i][j] = true;
                    incoming[j]++;
                }
            }
        }
        List<Entry> out = new ArrayList<>(n);
        boolean[] done = new boolean[n];
        for (int round = 0; round < n; round++) {
            int pick = -1;
            for (int i = 0; i < n; i++) {
                if (!done[i] && incoming[i] == 0) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    if (!done[i]) {
                        sb.append(' ').append(base.get(i).module());
                    }
                }
                throw new ConfigException("JH00010: hook order for " + phase + " has a cycle among:" + sb);
            }
            done[pick] = true;
            out.add(base.get(pick));
            for (int j = 0; j < n; j++) {
                if (mustPrecede[pick][j]) {
                    incoming[j]--;
                }
            }
        }
        return out;
    }
}
