package io.jhttpd.mod.staticfiles.internal;

import static io.jhttpd.mod.staticfiles.internal.Preconditions.Outcome.NOT_MODIFIED;
import static io.jhttpd.mod.staticfiles.internal.Preconditions.Outcome.PRECONDITION_FAILED;
import static io.jhttpd.mod.staticfiles.internal.Preconditions.Outcome.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhttpd.api.Headers;
import io.jhttpd.mod.staticfiles.internal.Preconditions.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The 304/412/200 matrix. Every row marked "oracle" was sent to Apache 2.4.71 for a file with
 * {@code ETag: "6-660d2ce7d847b"} and {@code Last-Modified: Sun, 22 Nov 2026 00:46:23 GMT},
 * requested minutes later, and gave the status expected here.
 */
class PreconditionsTest {

    private static final String ETAG = "\"6-660d2ce7d847b\"";
    private static final String LM = "Sun, 22 Nov 2026 00:46:23 GMT";
    private static final String EARLIER = "Sun, 22 Nov 2026 00:40:00 GMT";
    private static final long LAST_MODIFIED = HttpDate.parse(LM);
    private static final long NOW = LAST_MODIFIED + 600;

    private static Outcome get(String... headers) {
        return evaluate(true, headers);
    }

    private static Outcome post(String... headers) {
        return evaluate(false, headers);
    }

    private static Outcome evaluate(boolean getOrHead, String... headers) {
        Headers in = new Headers();
        for (int i = 0; i < headers.length; i += 2) {
            in.add(headers[i], headers[i + 1]);
        }
        return Preconditions.evaluate(in, getOrHead, ETAG, LAST_MODIFIED, NOW);
    }

    @Test
    void noConditionsProceed() {
        assertEquals(PROCEED, get());
        assertEquals(PROCEED, post());
    }

    @Test
    void ifNoneMatch() {
        assertEquals(NOT_MODIFIED, get("If-None-Match", ETAG));                         // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", "W/" + ETAG));                  // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", "\"zz\", " + ETAG));            // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", "*"));                          // oracle
        assertEquals(PROCEED, get("If-None-Match", "\"zz\""));                          // oracle
        assertEquals(PROCEED, get("If-None-Match", "\"6-660D2CE7D847B\""));             // oracle
        assertEquals(PROCEED, get("If-None-Match", "6-660d2ce7d847b"));                 // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", "\"zz\"", "If-None-Match", ETAG));
        assertEquals(PRECONDITION_FAILED, post("If-None-Match", ETAG));                 // oracle
        assertEquals(PRECONDITION_FAILED, post("If-None-Match", "*"));                  // oracle
        assertEquals(PROCEED, post("If-None-Match", "W/" + ETAG));
    }

    @Test
    void ifModifiedSince() {
        assertEquals(NOT_MODIFIED, get("If-Modified-Since", LM));                       // oracle
        assertEquals(PROCEED, get("If-Modified-Since", "Sun, 22 Nov 2026 00:46:22 GMT")); // oracle
        assertEquals(PROCEED, get("If-Modified-Since", "Sun, 22 Nov 2030 00:46:22 GMT")); // oracle: after the request
        assertEquals(PROCEED, get("If-Modified-Since", "garbage"));                     // oracle
        assertEquals(NOT_MODIFIED, get("If-Modified-Since", "Sunday, 22-Nov-26 00:46:23 GMT")); // oracle
        assertEquals(NOT_MODIFIED, get("If-Modified-Since", "Sun Nov 22 00:46:23 2026")); // oracle
        assertEquals(PROCEED, post("If-Modified-Since", LM));                           // oracle
    }

    @Test
    void everyPresentValidatorMustAgreeForA304AsInApache() {
        assertEquals(PROCEED, get("If-None-Match", "\"zz\"", "If-Modified-Since", LM));     // oracle
        assertEquals(PROCEED, get("If-None-Match", ETAG, "If-Modified-Since", EARLIER));    // oracle
        assertEquals(PROCEED, get("If-None-Match", ETAG, "If-Unmodified-Since", LM));       // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", ETAG, "If-Match", ETAG));           // oracle
        assertEquals(NOT_MODIFIED, get("If-None-Match", ETAG, "If-Modified-Since", LM));
    }

    @Test
    void ifMatchAndIfUnmodifiedSince() {
        assertEquals(PRECONDITION_FAILED, get("If-Match", "\"zz\""));                       // oracle
        assertEquals(PRECONDITION_FAILED, get("If-Match", "W/" + ETAG));                    // oracle
        assertEquals(PROCEED, get("If-Match", "*"));                                        // oracle
        assertEquals(PROCEED, get("If-Match", ETAG));
        assertEquals(PRECONDITION_FAILED, get("If-Unmodified-Since", "Sun, 22 Nov 2026 00:46:22 GMT")); // oracle
        assertEquals(PROCEED, get("If-Unmodified-Since", LM));
        assertEquals(PROCEED, get("If-Unmodified-Since", "nonsense"));
    }

    @Test
    void rangeRequestsNeedStrongMatches() {
        assertEquals(NOT_MODIFIED, get("If-None-Match", ETAG, "Range", "bytes=0-1"));       // oracle
        assertEquals(PROCEED, get("If-None-Match", "W/" + ETAG, "Range", "bytes=0-1"));     // oracle (206 there)
        assertEquals(NOT_MODIFIED, get("If-Modified-Since", LM, "Range", "bytes=0-1"));     // oracle
        assertEquals(PROCEED, get("If-None-Match", ETAG, "Range", "bytes=0-1", "If-Range", ETAG));
    }

    @Test
    void aFreshFileMakesDateMatchesWeak() {
        Headers in = new Headers();
        in.add("If-Modified-Since", LM);
        assertEquals(NOT_MODIFIED, Preconditions.evaluate(in, true, ETAG, LAST_MODIFIED, LAST_MODIFIED + 30));
        in.add("Range", "bytes=0-1");
        assertEquals(PROCEED, Preconditions.evaluate(in, true, ETAG, LAST_MODIFIED, LAST_MODIFIED + 30));
    }
}
