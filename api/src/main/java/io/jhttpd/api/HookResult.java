package io.jhttpd.api;

/**
 * What a hook answers, as in Apache: {@link #declined() DECLINED} (not mine), {@link #ok() OK}
 * (done my part), {@link #done() DONE} (the request is fully dealt with, stop without error), or
 * an HTTP status (stop and answer with this status, through {@code ErrorDocument} if configured).
 *
 * <p>Run-first phases ({@link Phase.RunKind#FIRST}) stop at the first hook that does not decline;
 * run-all phases ({@link Phase.RunKind#ALL}) call every hook and stop early only on DONE or a
 * status. Control flow never goes through exceptions. Instances are shared constants; comparing
 * with {@code ==} against {@link #OK}, {@link #DECLINED} and {@link #DONE} is allowed.
 */
public final class HookResult {

    /** The hook did its part; the phase goes on (run-all) or is answered (run-first). */
    public static final HookResult OK = new HookResult(0);
    /** The hook does not handle this request; the next one is asked. */
    public static final HookResult DECLINED = new HookResult(-1);
    /** The request is fully dealt with: no later phase runs, and it is not an error. */
    public static final HookResult DONE = new HookResult(-2);

    private static final HookResult[] STATUSES = new HookResult[600];

    static {
        for (int s = 100; s < STATUSES.length; s++) {
            STATUSES[s] = new HookResult(s);
        }
    }

    private final int code;

    private HookResult(int code) {
        this.code = code;
    }

    /** {@link #OK}. */
    public static HookResult ok() {
        return OK;
    }

    /** {@link #DECLINED}. */
    public static HookResult declined() {
        return DECLINED;
    }

    /** {@link #DONE}. */
    public static HookResult done() {
        return DONE;
    }

    /**
     * Stop processing and answer with HTTP status {@code status} (100–599). A 2xx or 3xx status
     * set here is sent as is (a handler that sets {@code Location} and returns 302 redirects).
     */
    public static HookResult status(int status) {
        if (status < 100 || status >= STATUSES.length) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return STATUSES[status];
    }

    /** True for {@link #DECLINED}. */
    public boolean isDeclined() {
        return code == -1;
    }

    /** True for {@link #OK}. */
    public boolean isOk() {
        return code == 0;
    }

    /** True for {@link #DONE}. */
    public boolean isDone() {
        return code == -2;
    }

    /** True if this result carries an HTTP status. */
    public boolean isStatus() {
        return code >= 100;
    }

    /** The HTTP status carried, or 0 if this is OK, DECLINED or DONE. */
    public int status() {
        return code >= 100 ? code : 0;
    }

    @Override
    public String toString() {
        switch (code) {
            case 0:
                return "OK";
            case -1:
                return "DECLINED";
            case -2:
                return "DONE";
            default:
                return "HTTP " + code;
        }
    }
}
