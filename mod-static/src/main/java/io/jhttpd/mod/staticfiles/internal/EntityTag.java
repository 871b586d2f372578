package io.jhttpd.mod.staticfiles.internal;

/**
 * Entity tags: the {@code ETag} Apache 2.4 makes for a file with its default {@code FileETag MTime Size},
 * and the list matching of {@code If-Match} / {@code If-None-Match}.
 *
 * <p>The tag is {@code "<size>-<mtime>"}, both in lower-case hex, the mtime in microseconds
 * ({@code "6-660d2ce7d847b"} for a 6-byte file), checked against Apache 2.4.71. It is weak
 * ({@code W/"..."}) when the file changed no more than one second before the request started:
 * the file may still be being written within the same mtime tick.
 */
final class EntityTag {

    private EntityTag() {
    }

    /** The tag for a file of {@code size} bytes modified at {@code mtimeMicros}, for a request at {@code requestMicros}. */
    static String forFile(long size, long mtimeMicros, long requestMicros) {
        boolean weak = requestMicros - mtimeMicros <= 1_000_000L;
        StringBuilder sb = new StringBuilder(32);
        if (weak) {
            sb.append("W/");
        }
        return sb.append('"').append(Long.toHexString(size)).append('-')
                .append(Long.toHexString(mtimeMicros)).append('"').toString();
    }

    /**
     * True if the comma-separated {@code list} holds a tag equal to {@code etag} under the strong
     * comparison: both strong and identical.
     */
    static boolean matchesStrong(String list, String etag) {
        if (etag == null || etag.isEmpty() || etag.charAt(0) != '"') {
            return false;
        }
        return find(list, etag, false);
    }

    /** True if {@code list} holds a tag equal to {@code etag} when {@code W/} prefixes are ignored. */
    static boolean matchesWeak(String list, String etag) {
        if (etag == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (opaque.isEmpty() || opaque.charAt(0) != '"') {
            return false;
        }
        return find(list, opaque, true);
    }

    private static boolean find(String list, String opaque, boolean weak) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && (list.charAt(i) == ',' || Character.isWhitespace(list.charAt(i)))) {
                i++;
            }
            if (i == n) {
                return false;
            }
            if (weak && list.startsWith("W/", i)) {
                i += 2;
            }
            // An item runs to the next comma outside a quoted string; tags are compared as bytes.
            int start = i;
            boolean quoted = false;
            while (i < n && (quoted || list.charAt(i) != ',')) {
                if (list.charAt(i) == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            int end = i;
            while (end > start && Character.isWhitespace(list.charAt(end - 1))) {
                end--;
            }
            if (end - start == opaque.length() && list.startsWith(opaque, start)) {
                return true;
            }
        }
        return false;
    }
}
