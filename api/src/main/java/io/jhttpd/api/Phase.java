package io.jhttpd.api;

/**
 * The request phases modules hook into, in the order the kernel runs them (Apache's request hooks).
 *
 * <pre>
 *  POST_READ_REQUEST → TRANSLATE_NAME → MAP_TO_STORAGE → HEADER_PARSER
 *    → ACCESS_CHECKER → CHECK_USER_ID → AUTH_CHECKER → TYPE_CHECKER → FIXUPS
 *    → INSERT_FILTER → HANDLER → (output filter chain) → LOG_TRANSACTION
 * </pre>
 *
 * <p>{@link #LOG_TRANSACTION} runs for every request that was read, also for errors and aborted
 * connections. When every hook of a run-first phase declines, the kernel applies Apache's
 * default: {@code TRANSLATE_NAME} maps to {@code DocumentRoot}, {@code HANDLER} answers 500
 * ("handler not found"), {@code TYPE_CHECKER} leaves the type unset.
 */
public enum Phase {
    /** First look at a parsed request, before any mapping. */
    POST_READ_REQUEST(RunKind.ALL),
    /** Map the URI to a file name ({@code Request#setFilename}); the kernel's DocumentRoot mapping runs last. */
    TRANSLATE_NAME(RunKind.FIRST),
    /** Map the file name to storage: the kernel walks {@code <Directory>}/{@code <Files>} sections last. */
    MAP_TO_STORAGE(RunKind.FIRST),
    /** Header-driven setup, main requests only. */
    HEADER_PARSER(RunKind.ALL),
    /** Host-based access control ({@code Require}). */
    ACCESS_CHECKER(RunKind.ALL),
    /** Authentication: establish {@code Request#user()}. */
    CHECK_USER_ID(RunKind.FIRST),
    /** Authorization of the authenticated user. */
    AUTH_CHECKER(RunKind.FIRST),
    /** Set content type, encoding and handler from the file name (mod_mime). */
    TYPE_CHECKER(RunKind.FIRST),
    /** Last word before content generation. */
    FIXUPS(RunKind.ALL),
    /** Add request filters ({@code Request#addOutputFilter}); every hook runs, results are ignored. */
    INSERT_FILTER(RunKind.VOID),
    /**
     * Add filters to a response the server answers with an error page of its own (Apache's
     * {@code insert_error_filter}): the request's resource and content-set filters were dropped,
     * as Apache resets an error response to its protocol filters; every hook runs.
     */
    INSERT_ERROR_FILTER(RunKind.VOID),
    /** Generate the content. */
    HANDLER(RunKind.FIRST),
    /** Log the finished request; runs for every request, errors and aborts included. */
    LOG_TRANSACTION(RunKind.ALL);

    /** How the kernel runs the hooks of one phase. */
    public enum RunKind {
        /** Stop at the first hook that does not decline, and return its result. */
        FIRST,
        /** Run every hook; stop early only on DONE or an HTTP status. */
        ALL,
        /** Run every hook; results are ignored. */
        VOID
    }

    private final RunKind runKind;

    Phase(RunKind runKind) {
        this.runKind = runKind;
    }

    /** How this phase's hooks are run. */
    public RunKind runKind() {
        return runKind;
    }
}
