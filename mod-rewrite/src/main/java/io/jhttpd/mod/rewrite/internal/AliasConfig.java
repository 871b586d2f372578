package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.DirectiveContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mod_alias's lists: {@code Alias}/{@code ScriptAlias} (and {@code Match} forms) per server,
 * {@code Redirect*} per server and per directory. Inner lists come first when merged, as in Apache.
 */
final class AliasConfig {

    static final ConfigKey<AliasConfig> SERVER = ConfigKey.perServer("alias", AliasConfig::new, AliasConfig::merge);
    static final ConfigKey<AliasConfig> DIRECTORY = ConfigKey.perDirectory("alias-dir", AliasConfig::new, AliasConfig::merge);

    /** One alias or redirect. {@code status} is 0 for an alias. */
    record Entry(String fake, Pattern regex, String real, int status, String handler) {

        /** The target for {@code uri}, or null if this entry does not match it. */
        String map(String uri) {
            if (regex != null) {
                Matcher m = regex.matcher(uri);
                if (!m.find()) {
                    return null;
                }
                return real == null ? "" : substitute(real, m);
            }
            int len = prefixLength(fake, uri);
            if (len < 0) {
                return null;
            }
            return real == null ? "" : real + (status != 0 ? UrlEscape.escapeUri(uri.substring(len)) : uri.substring(len));
        }
    }

    List<Entry> aliases = new ArrayList<>();
    List<Entry> redirects = new ArrayList<>();

    private static AliasConfig merge(AliasConfig base, AliasConfig add) {
        AliasConfig m = new AliasConfig();
        m.aliases = concat(add.aliases, base.aliases);
        m.redirects = concat(add.redirects, base.redirects);
        return m;
    }

    private static List<Entry> concat(List<Entry> first, List<Entry> second) {
        List<Entry> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }

    /**
     * How much of {@code uri} the alias {@code fake} covers, by whole segments and with repeated
     * slashes in the URI counted as one (Apache's {@code alias_matches}), or -1.
     */
    static int prefixLength(String fake, String uri) {
        int a = 0;
        int u = 0;
        while (a < fake.length()) {
            if (fake.charAt(a) == '/') {
                if (u >= uri.length() || uri.charAt(u) != '/') {
                    return -1;
                }
                while (a < fake.length() && fake.charAt(a) == '/') {
                    a++;
                }
                while (u < uri.length() && uri.charAt(u) == '/') {
                    u++;
                }
            } else {
                if (u >= uri.length() || uri.charAt(u) != fake.charAt(a)) {
                    return -1;
                }
                a++;
                u++;
            }
        }
        // a match must end where a segment does
        if (fake.charAt(fake.length() - 1) != '/' && u < uri.length() && uri.charAt(u) != '/') {
            return -1;
        }
        return u;
    }

    /** {@code $N} and {@code \c} in {@code template} from {@code m} (Apache's {@code ap_pregsub}). */
    static String substitute(String template, Matcher m) {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && (template.charAt(i + 1) == '$' || template.charAt(i + 1) == '\\')) {
                sb.append(template.charAt(++i));
            } else if ((c == '$' || c == '&') && (c == '&' || i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)))) {
                int g = c == '&' ? 0 : template.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    sb.append(m.group(g));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Parses {@code Redirect [status] url-path [URL]} and its fixed-status forms. */
    static Entry redirect(DirectiveContext c, List<String> args, Integer fixedStatus, boolean regex) throws io.jhttpd.api.ConfigException {
        int i = 0;
        int status = 302;
        if (fixedStatus != null) {
            status = fixedStatus;
        } else if (args.size() > 1) {
            String first = args.get(0).toLowerCase(Locale.ROOT);
            Integer s = statusWord(first);
            if (s != null) {
                status = s;
                i = 1;
            } else if (first.chars().allMatch(Character::isDigit)) {
                status = Integer.parseInt(first);
                i = 1;
                if (status < 100 || status > 599) {
                    throw c.error(c.directiveName() + ": invalid status code " + first);
                }
            }
        }
        List<String> rest = args.subList(i, args.size());
        boolean isRedirect = status >= 300 && status < 400;
        if (rest.isEmpty() || (isRedirect && rest.size() != 2) || (!isRedirect && rest.size() != 1)) {
            throw c.error(isRedirect ? c.directiveName() + ": URL to redirect to is missing (expected [status] URL-path URL)"
                    : c.directiveName() + ": redirect to non-URL, or a URL given with a non-3xx status (status " + status + " takes none)");
        }
        String url = isRedirect ? rest.get(1) : null;
        if (url != null && !regex && !RuleEngine.isAbsoluteUrl(url) && !url.startsWith("/")) {
            throw c.error(c.directiveName() + ": Redirect to non-URL '" + url + "'");
        }
        Pattern p = regex ? PcrePattern.compile(c, rest.get(0)) : null;
        return new Entry(rest.get(0), p, url, status, null);
    }

    /** The status of {@code permanent}, {@code temp}, {@code seeother}, {@code gone}; null for other words. */
    static Integer statusWord(String w) {
        switch (w) {
            case "permanent":
                return 301;
            case "temp":
                return 302;
            case "seeother":
                return 303;
            case "gone":
                return 410;
            default:
                return null;
        }
    }
}
