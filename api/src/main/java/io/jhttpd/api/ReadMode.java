package io.jhttpd.api;

/** How an {@link InputFilter} read is to be satisfied (Apache's {@code ap_input_mode_t}). */
public enum ReadMode {
    /** Up to the requested number of bytes; may return fewer. */
    BYTES,
    /** At most one line, ending with LF (shorter if the line is longer than the limit). */
    LINE,
    /** Like {@link #BYTES}, but the bytes stay to be read again by the next real read. */
    SPECULATIVE
}
