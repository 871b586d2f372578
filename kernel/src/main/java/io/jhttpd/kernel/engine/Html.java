package io.jhttpd.kernel.engine;

/** HTML escaping for server-generated pages (Apache's {@code ap_escape_html}); the api's, under the kernel's short name. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        return io.jhttpd.api.HtmlEscape.escape(s);
    }
}
