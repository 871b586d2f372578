package io.jhttpd.mod.fcgi.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ProxyPassMatch regex url} (or {@code ProxyPass prefix url}, kept as the regex
 * {@code ^prefix(.*)} and {@code url$1}): a URI that matches goes to the FastCGI backend at the
 * URL with {@code $n} replaced by the match's groups. A URL of {@code !} excludes the URIs it matches.
 */
record ProxyRoute(Pattern pattern, String urlTemplate) {

    boolean isExclusion() {
        return urlTemplate.equals("!");
    }

    /** The backend URL for {@code uri}, or {@code null} if the route does not match it. */
    String target(String uri) {
        Matcher m = pattern.matcher(uri);
        if (!m.find()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(urlTemplate.length() + uri.length());
        for (int i = 0; i < urlTemplate.length(); i++) {
            char c = urlTemplate.charAt(i);
            if (c == '$' && i + 1 < urlTemplate.length() && Character.isDigit(urlTemplate.charAt(i + 1))) {
                int group = urlTemplate.charAt(++i) - '0';
                if (group <= m.groupCount() && m.group(group) != null) {
                    sb.append(m.group(group));
                }
            } else if (c == '\\' && i + 1 < urlTemplate.length() && urlTemplate.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
