package io.jhttpd.api;

/**
 * The arguments a directive takes (Apache's {@code TAKE1}, {@code FLAG}, {@code ITERATE}, ...).
 * The kernel checks the count before calling the directive's handler and reports a wrong count as
 * {@code file:line: Name takes ...}.
 */
public enum ArgShape {
    /** No arguments. */
    NO_ARGS(0, 0, "takes no arguments"),
    /** One of {@code On} or {@code Off}; the handler gets {@code "on"} or {@code "off"}. */
    FLAG(1, 1, "must be On or Off"),
    /** Exactly one argument. */
    TAKE1(1, 1, "takes one argument"),
    /** Exactly two. */
    TAKE2(2, 2, "takes two arguments"),
    /** One or two. */
    TAKE12(1, 2, "takes one or two arguments"),
    /** Exactly three. */
    TAKE3(3, 3, "takes three arguments"),
    /** Two or three. */
    TAKE23(2, 3, "takes two or three arguments"),
    /** One, two or three. */
    TAKE123(1, 3, "takes one, two or three arguments"),
    /** One or three. */
    TAKE13(1, 3, "takes one or three arguments"),
    /** One or more; the handler is called once per argument. */
    ITERATE(1, Integer.MAX_VALUE, "requires at least one argument"),
    /** Two or more; the handler is called once per argument after the first, with the first. */
    ITERATE2(2, Integer.MAX_VALUE, "requires at least two arguments"),
    /** Any number of arguments, passed together. */
    ANY(0, Integer.MAX_VALUE, "takes any number of arguments"),
    /** One or more, passed together. */
    ONE_OR_MORE(1, Integer.MAX_VALUE, "requires at least one argument"),
    /** The rest of the line unparsed, as one argument (quotes kept). */
    RAW(0, 1, "takes a raw line");

    private final int min;
    private final int max;
    private final String description;

    ArgShape(int min, int max, String description) {
        this.min = min;
        this.max = max;
        this.description = description;
    }

    /** Fewest arguments allowed. */
    public int min() {
        return min;
    }

    /** Most arguments allowed. */
    public int max() {
        return max;
    }

    /** How a config error describes the shape ("takes one argument"). */
    public String description() {
        return description;
    }

    /** True if {@code count} arguments fit this shape. */
    public boolean accepts(int count) {
        if (this == TAKE13) {
            return count == 1 || count == 3;
        }
        return count >= min && count <= max;
    }
}
