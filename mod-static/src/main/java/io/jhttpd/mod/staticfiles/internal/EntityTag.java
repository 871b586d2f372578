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
        return forFile(FileConfig.DEFAULT_ETAG, -1, size, mtimeMicros, requestMicros);
    }

    /**
     * The tag made of {@code components} ({@link FileConfig#INODE} | {@link FileConfig#MTIME} |
     * {@link FileConfig#SIZE}), in Apache's order inode, size, mtime, or {@code null} for none
     * ({@code FileETag None}). An unknown inode ({@code -1}) is left out.
     */
    static String forFile(int components, long inode, long size, long mtimeMicros, long requestMicros) {
        if (components == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(40);
        if (requestMicros - mtimeMicros <= 1_000_000L) {
            sb.append("W/");
        }
        sb.append('"');
        int start = sb.length();
        if ((components & FileConfig.INODE) != 0 && inode >= 0) {
            sb.append(Long.toHexString(inode));
        }
        if ((components & FileConfig.SIZE) != 0) {
            separate(sb, start).append(Long.toHexString(size));
        }
        if ((components & FileConfig.MTIME) != 0) {
            separate(sb, start).append(Long.toHexString(mtimeMicros));
        }
        return sb.append('"').toString();
    }

    private static StringBuilder separate(StringBuilder sb, int start) {
        return sb.length() > start ? sb.append('-') : sb;
    }

    /**
     * The inode in {@code fileKey} ({@link java.nio.file.attribute.BasicFileAttributes#fileKey},
     * on Unix {@code (dev=803,ino=1234)}), or {@code -1}.
     */
    static long inode(Object fileKey) {
        if (fileKey == null) {
            return -1;
        }
        String s = fileKey.toString();
        int i = s.indexOf("ino=");
        if (i < 0) {
            return -1;
        }
        int end = i + 4;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(s, i + 4, end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
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
