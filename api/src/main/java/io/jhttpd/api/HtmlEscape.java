package io.jhttpd.api;

/**
 * HTML escaping for text a module writes into a page, as Apache's {@code ap_escape_html}:
 * {@code < > & "} become entities, everything else is left as is.
 *
 * <pre>{@code
 * page.append("<h1>Index of ").append(HtmlEscape.escape(r.uri())).append("</h1>");
 * }</pre>
 */
public final class HtmlEscape {

    private HtmlEscape() {
    }

    /** {@code text} with {@code < > & "} as {@code &lt; &gt; &amp; &quot;}; {@code null} gives the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (entity != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(entity);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
