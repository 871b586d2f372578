package io.jhttpd.mod.staticfiles.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Range: bytes=...} header read and merged exactly as Apache 2.4's
 * {@code ap_set_byterange}, checked against Apache 2.4.71.
 *
 * <pre>
 * bytes=0-3,10-12     two ranges, in the order asked
 * bytes=0-3,2-12      overlapping or adjacent ranges merge into one (0-12); each merge counts as an overlap,
 *                     one that extends a range downwards also as a reversal
 * bytes=-5            the last 5 bytes;  bytes=30-  from 30 to the end
 * bytes=0-,5-6        "0-" anywhere ends the list: the whole file as one range
 * bytes=0-1,100-200   ranges starting at or after the end are dropped; all dropped → unsatisfiable (416)
 * bytes=5-1, bytes=-0, bytes= 1-2, bytes=+1-2, bytes=1-2,x   one bad spec → the header is ignored (200)
 * bytes=,1-2          an empty first item ends the list before it starts (200); "0-1,,5-6" is two ranges
 * </pre>
 *
 * The merged ranges may not add up to more than the file; a request that does (the "Apache
 * Killer", CVE-2011-3192: thousands of overlapping ranges) is ignored, as is one with more ranges,
 * overlaps or reversals than {@link Limits} allow. Ignored means the full 200 response.
 */
final class ByteRanges {

    /** One range, both ends inclusive, within the file. */
    record Range(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    /**
     * {@code MaxRanges}, {@code MaxRangeOverlaps}, {@code MaxRangeReversals}: a negative value
     * means unlimited. Apache's defaults are 200, 20 and 20.
     */
    record Limits(int maxRanges, int maxOverlaps, int maxReversals) {
        static final Limits DEFAULT = new Limits(200, 20, 20);
    }

    /** What to answer: the ranges to send, none (send the whole file) or 416. */
    record Outcome(List<Range> ranges, boolean unsatisfiable) {
        static final Outcome WHOLE = new Outcome(List.of(), false);
        static final Outcome UNSATISFIABLE = new Outcome(List.of(), true);

        boolean whole() {
            return ranges.isEmpty() && !unsatisfiable;
        }
    }

    private ByteRanges() {
    }

    /**
     * Reads {@code header} (the {@code Range} value, or {@code null}) for a body of {@code length}
     * bytes under {@code limits}.
     */
    static Outcome parse(String header, long length, Limits limits) {
        // an empty body is sent whole, whatever the ranges (Apache 2.4.71: "bytes=0-" on an empty file is 200)
        if (length == 0 || header == null || header.length() < 6 || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Outcome.WHOLE;
        }
        List<Range> ranges = new ArrayList<>(4);
        int overlaps = 0;
        int reversals = 0;
        boolean unsatisfiable = false;
        boolean inMerge = false;
        long mergedStart = 0;
        long mergedEnd = 0;
        int i = 6;
        int n = header.length();
        while (i < n) {
            int comma = header.indexOf(',', i);
            int specEnd = comma < 0 ? n : comma;
            String spec = header.substring(i, specEnd);
            // Apache's ap_getword skips a run of commas after an item; an empty first item ends the list
            i = specEnd;
            while (i < n && header.charAt(i) == ',') {
                i++;
            }
            if (spec.isEmpty()) {
                break;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Outcome.WHOLE;
            }
            long start;
            long end;
            if (dash == 0) {
                long suffix = number(spec, 1, spec.length());
                if (suffix < 1) {
                    return Outcome.WHOLE;
                }
                start = length - suffix;
                end = length - 1;
            } else {
                start = number(spec, 0, dash);
                if (start == BAD) {
                    return Outcome.WHOLE;
                }
                if (dash + 1 < spec.length()) {
                    end = number(spec, dash + 1, spec.length());
                    if (end == BAD || start > end) {
                        return Outcome.WHOLE;
                    }
                } else {
                    end = length - 1;
                    if (start == 0) {
                        // "0-" asks for everything: the other ranges do not matter
                        ranges.clear();
                        inMerge = true;
                        mergedStart = 0;
                        mergedEnd = end;
                        break;
                    }
                }
            }
            start = Math.max(start, 0);
            if (start >= length) {
                unsatisfiable = true;
                continue;
            }
            end = Math.min(end, length - 1);
            if (!inMerge) {
                mergedStart = start;
                mergedEnd = end;
                inMerge = true;
                continue;
            }
            boolean merged = start >= mergedStart && end <= mergedEnd;
            if (start < mergedStart && end >= mergedStart - 1) {
                mergedStart = start;
                reversals++;
                merged = true;
            }
            if (end >= mergedEnd && start <= mergedEnd + 1) {
                mergedEnd = end;
                merged = true;
            }
            if (merged) {
                overlaps++;
            } else {
                ranges.add(new Range(mergedStart, mergedEnd));
                mergedStart = start;
                mergedEnd = end;
            }
        }
        if (inMerge) {
            ranges.add(new Range(mergedStart, mergedEnd));
        } else if (unsatisfiable) {
            return Outcome.UNSATISFIABLE;
        }
        long sum = 0;
        for (Range r : ranges) {
            sum += r.length();
        }
        if (ranges.isEmpty() || sum > length
                || exceeds(ranges.size(), limits.maxRanges())
                || exceeds(overlaps, limits.maxOverlaps())
                || exceeds(reversals, limits.maxReversals())) {
            return Outcome.WHOLE;
        }
        return new Outcome(List.copyOf(ranges), false);
    }

    private static boolean exceeds(int count, int max) {
        return max >= 0 && count > max;
    }

    private static final long BAD = Long.MIN_VALUE;

    /**
     * A decimal number of one or more digits and nothing else (Apache 2.4.71 refuses white space
     * and signs), or {@link #BAD}, also on overflow.
     */
    private static long number(String s, int from, int to) {
        if (from == to) {
            return BAD;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return BAD;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return BAD;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
