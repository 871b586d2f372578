package io.jhttpd.api;

import java.util.Set;

/**
 * Where a hook runs within its phase: a coarse position, as Apache's {@code APR_HOOK_*}, plus
 * optional modules it must run after or before.
 *
 * <pre>{@code
 * HookOrder.FIRST                       // before MIDDLE hooks
 * HookOrder.MIDDLE.after("alias")       // after mod_alias's hook of the same phase
 * HookOrder.of(5).before("static")      // any integer position works
 * }</pre>
 *
 * <p>The kernel sorts each phase once at start-up: by position, then so that every hook follows
 * the modules it names in {@code after} and precedes those in {@code before} (names of modules
 * that are not loaded are ignored); remaining ties are broken by module name, never by discovery
 * order. A cycle is a start-up error. The resolved order is logged at debug level.
 */
public final class HookOrder {

    /** Position -10: before everything else. */
    public static final HookOrder REALLY_FIRST = new HookOrder(-10, Set.of(), Set.of());
    /** Position 0. */
    public static final HookOrder FIRST = new HookOrder(0, Set.of(), Set.of());
    /** Position 10, the usual one. */
    public static final HookOrder MIDDLE = new HookOrder(10, Set.of(), Set.of());
    /** Position 20. */
    public static final HookOrder LAST = new HookOrder(20, Set.of(), Set.of());
    /** Position 30: after everything else; the kernel's own defaults sit here. */
    public static final HookOrder REALLY_LAST = new HookOrder(30, Set.of(), Set.of());

    private final int position;
    private final Set<String> after;
    private final Set<String> before;

    private HookOrder(int position, Set<String> after, Set<String> before) {
        this.position = position;
        this.after = after;
        this.before = before;
    }

    /** A hook at an arbitrary integer position. */
    public static HookOrder of(int position) {
        return new HookOrder(position, Set.of(), Set.of());
    }

    /** This order, also running after the named modules' hooks ({@code HttpdModule#name()}). */
    public HookOrder after(String... modules) {
        return new HookOrder(position, union(after, modules), before);
    }

    /** This order, also running before the named modules' hooks. */
    public HookOrder before(String... modules) {
        return new HookOrder(position, after, union(before, modules));
    }

    /** The coarse position; lower runs earlier. */
    public int position() {
        return position;
    }

    /** Modules whose hooks in the same phase must run before this one. */
    public Set<String> afterModules() {
        return after;
    }

    /** Modules whose hooks in the same phase must run after this one. */
    public Set<String> beforeModules() {
        return before;
    }

    private static Set<String> union(Set<String> set, String[] more) {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(set);
        s.addAll(java.util.List.of(more));
        return Set.copyOf(s);
    }

    @Override
    public String toString() {
        return "HookOrder[" + position + (after.isEmpty() ? "" : " after " + after)
                + (before.isEmpty() ? "" : " before " + before) + "]";
    }
}
