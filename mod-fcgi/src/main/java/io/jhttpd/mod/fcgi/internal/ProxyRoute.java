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
        return substitute(urlTemplate, m);
    }

    /**
     * {@code template} with {@code $0}..{@code $9} replaced by the groups of {@code match} (an
     * unmatched group by nothing) and {@code \$} by a dollar sign, as Apache's regex substitution.
     */
    static String substitute(String template, Matcher match) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length() + 32);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int group = template.charAt(++i) - '0';
                if (group <= match.groupCount() && match.group(group) != null) {
                    sb.append(match.group(group));
                }
            } else if (c == '\\' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
