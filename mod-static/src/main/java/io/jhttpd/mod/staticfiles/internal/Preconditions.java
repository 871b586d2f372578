package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.Headers;
import java.util.List;

/**
 * Conditional request headers, evaluated exactly as Apache 2.4's {@code ap_meets_conditions}
 * (checked against Apache 2.4.71).
 *
 * <pre>
 * If-Match            no strong match (and not "*")             → 412
 * If-Unmodified-Since modified after the date                   → 412
 * If-None-Match       match: GET/HEAD → 304 (weak comparison), other methods → 412
 * If-Modified-Since   GET/HEAD, not modified since, date not after the request time → 304
 * If-Range + Range    → always the full answer (the range filter decides)
 * </pre>
 *
 * Apache's quirk, kept on purpose: a 304 needs every present validator to agree, so
 * {@code If-None-Match} matching together with an {@code If-Modified-Since} that does not match
 * gives 200, and a passing {@code If-Unmodified-Since} also cancels the 304. Comparisons of dates
 * are in whole seconds. With a {@code Range} header, weak matches do not count.
 */
final class Preconditions {

    /** What the conditions call for. */
    enum Outcome {
        /** Send the full response. */
        PROCEED,
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    private Preconditions() {
    }

    /**
     * Evaluates {@code in} against a response with {@code etag} (may be {@code null}) and
     * {@code lastModified} (seconds since the epoch, as sent in {@code Last-Modified}), for a
     * request that started at {@code requestTime} seconds.
     *
     * @param getOrHead true for GET and HEAD (Apache's {@code M_GET})
     */
    static Outcome evaluate(Headers in, boolean getOrHead, String etag, long lastModified, long requestTime) {
        int notModified = -1;
        boolean range = in.contains("Range");

        String ifMatch = value(in, "If-Match");
        if (ifMatch != null && !ifMatch.startsWith("*") && !EntityTag.matchesStrong(ifMatch, etag)) {
            return Outcome.PRECONDITION_FAILED;
        }

        String ifUnmodifiedSince = value(in, "If-Unmodified-Since");
        if (ifUnmodifiedSince != null) {
            long ius = HttpDate.parse(ifUnmodifiedSince);
            boolean modified = ius != HttpDate.INVALID && lastModified > ius;
            if (modified && !(range && requestTime < lastModified + 60)) {
                return Outcome.PRECONDITION_FAILED;
            }
            notModified = 0;
        }

        String ifNoneMatch = value(in, "If-None-Match");
        if (ifNoneMatch != null) {
            boolean match;
            if (ifNoneMatch.startsWith("*")) {
                match = true;
            } else if (getOrHead && !range) {
                match = EntityTag.matchesWeak(ifNoneMatch, etag);
            } else {
                match = EntityTag.matchesStrong(ifNoneMatch, etag);
            }
            if (!match) {
                notModified = 0;
            } else if (!getOrHead) {
                return Outcome.PRECONDITION_FAILED;
            } else if (notModified != 0) {
                notModified = 1;
            }
        }

        String ifModifiedSince = value(in, "If-Modified-Since");
        if (ifModifiedSince != null) {
            long ims = HttpDate.parse(ifModifiedSince);
            boolean unchanged = ims != HttpDate.INVALID && ims >= lastModified && ims <= requestTime
                    // within a minute of the change the match is weak, and weak does not count with Range
                    && !(range && requestTime < lastModified + 60);
            if (!unchanged) {
                notModified = 0;
            } else if (getOrHead && notModified != 0) {
                notModified = 1;
            }
        }

        if (range && in.contains("If-Range")) {
            return Outcome.PROCEED;
        }
        return notModified == 1 ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    /** A header's value as Apache sees it: repeated fields joined with ", " (it merges them when reading). */
    private static String value(Headers in, String name) {
        String first = in.get(name);
        if (first == null) {
            return null;
        }
        List<String> all = in.getAll(name);
        return all.size() == 1 ? first : String.join(", ", all);
    }
}
