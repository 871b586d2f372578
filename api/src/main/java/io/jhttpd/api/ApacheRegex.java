package io.jhttpd.api;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions as an Apache configuration writes them: PCRE, compiled into a {@link Pattern}
 * that matches the same strings. Every directive that takes a regular expression compiles it here
 * ({@code <DirectoryMatch>}, {@code <FilesMatch>}, {@code <LocationMatch>}, {@code RewriteRule},
 * {@code RewriteCond}, {@code SetEnvIf}, the {@code =~} of an {@link Expression}), so one pattern
 * means the same thing in all of them. Apache compiles with {@code DOTALL} and
 * {@code DOLLAR_ENDONLY} ({@code RegexDefaultOptions}); the differences from
 * {@code java.util.regex} that real configurations hit are translated:
 * <ul>
 * <li>{@code $} outside a class matches only at the very end ({@code \z}), not before a final
 *     newline (CVE-2017-15715: {@code x.php%0a} must not match {@code \.php$});</li>
 * <li>POSIX classes {@code [[:alpha:]]} etc.: Java would silently read them as a set of the
 *     letters {@code :alph}; they become {@code \p{Alpha}};</li>
 * <li>Python-style named groups {@code (?P<name>...)} and references {@code (?P=name)} become
 *     Java's {@code (?<name>...)} and {@code \k<name>};</li>
 * </ul>
 * Constructs Java lacks are rejected with a clear message: recursion {@code (?R)}, {@code (?1)},
 * conditionals {@code (?(...)...)}, backtracking verbs {@code (*SKIP)}, {@code \K}.
 */
public final class ApacheRegex {

    private ApacheRegex() {
    }

    /**
     * Compiles {@code pcre}, ignoring case if {@code noCase}.
     *
     * @throws IllegalArgumentException with the reason, when it cannot be compiled or uses what
     *         Java regular expressions lack
     */
    public static Pattern compile(String pcre, boolean noCase) {
        String java = translate(pcre);
        try {
            return Pattern.compile(java, Pattern.DOTALL | (noCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("cannot compile regular expression '" + pcre + "': " + e.getDescription());
        }
    }

    /**
     * {@code template} with {@code $0}..{@code $9} replaced by the groups of {@code m} (an unmatched
     * group is empty) and {@code \$} or {@code \\} by the character itself, as Apache's
     * {@code ap_pregsub} ({@code SetEnvIf} values, {@code Header edit} replacements).
     */
    public static String substitute(String template, java.util.regex.Matcher m) {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    sb.append(m.group(g));
                }
            } else if (c == '\\' && i + 1 < template.length() && (template.charAt(i + 1) == '$' || template.charAt(i + 1) == '\\')) {
                sb.append(template.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The Java spelling of {@code pcre}; throws {@link IllegalArgumentException} for what Java lacks. */
    public static String translate(String pcre) {
        StringBuilder sb = new StringBuilder(pcre.length() + 8);
        int classDepth = 0;
        for (int i = 0; i < pcre.length(); i++) {
            char ch = pcre.charAt(i);
            if (ch == '\\' && i + 1 < pcre.length()) {
                char next = pcre.charAt(i + 1);
                if (next == 'K') {
                    throw new IllegalArgumentException("\\K (reset match start) in '" + pcre + "' is not supported by Java regular expressions");
                }
                if (next == 'Q') {
                    int end = pcre.indexOf("\\E", i + 2);
                    int stop = end < 0 ? pcre.length() : end + 2;
                    sb.append(pcre, i, stop);
                    i = stop - 1;
                    continue;
                }
                sb.append(ch).append(next);
                i++;
                continue;
            }
            if (classDepth > 0) {
                if (ch == '[' && i + 1 < pcre.length() && pcre.charAt(i + 1) == ':') {
                    int end = pcre.indexOf(":]", i + 2);
                    if (end > 0) {
                        sb.append(posixClass(pcre.substring(i + 2, end), pcre));
                        i = end + 1;
                        continue;
                    }
                }
                if (ch == '[') {
                    // Java treats a nested '[' as a union; PCRE as a literal
                    sb.append("\\[");
                    continue;
                }
                if (ch == ']' && !(sb.length() > 0 && isClassStart(sb))) {
                    classDepth = 0;
                }
                sb.append(ch);
                continue;
            }
            switch (ch) {
                case '[':
                    classDepth = 1;
                    sb.append(ch);
                    // a ']' right after '[' or '[^' is a literal in both dialects
                    if (i + 1 < pcre.length() && pcre.charAt(i + 1) == '^') {
                        sb.append('^');
                        i++;
                    }
                    if (i + 1 < pcre.length() && pcre.charAt(i + 1) == ']') {
                        sb.append("\\]");
                        i++;
                    }
                    break;
                case '$':
                    sb.append("\\z");
                    break;
                case '(':
                    if (pcre.startsWith("(?P<", i)) {
                        sb.append("(?<");
                        i += 3;
                    } else if (pcre.startsWith("(?P=", i)) {
                        int end = pcre.indexOf(')', i);
                        sb.append("\\k<").append(pcre, i + 4, end).append('>');
                        i = end;
                    } else if (pcre.startsWith("(?R)", i) || pcre.startsWith("(?(", i) || pcre.startsWith("(*", i)
                            || (pcre.startsWith("(?", i) && i + 2 < pcre.length() && (Character.isDigit(pcre.charAt(i + 2))
                                    || pcre.charAt(i + 2) == '&' || pcre.charAt(i + 2) == '+'))) {
                        throw new IllegalArgumentException("'" + pcre + "' uses a PCRE construct (recursion, conditional or verb) "
                                + "that Java regular expressions do not support");
                    } else {
                        sb.append(ch);
                    }
                    break;
                default:
                    sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isClassStart(StringBuilder sb) {
        int n = sb.length();
        return sb.charAt(n - 1) == '[' && (n < 2 || sb.charAt(n - 2) != '\\')
                || n >= 2 && sb.charAt(n - 1) == '^' && sb.charAt(n - 2) == '[';
    }

    private static String posixClass(String name, String pcre) {
        switch (name) {
            case "alpha":
                return "\\p{Alpha}";
            case "digit":
                return "\\p{Digit}";
            case "alnum":
                return "\\p{Alnum}";
            case "upper":
                return "\\p{Upper}";
            case "lower":
                return "\\p{Lower}";
            case "space":
                return "\\s\\x0B";
            case "punct":
                return "\\p{Punct}";
            case "xdigit":
                return "\\p{XDigit}";
            case "blank":
                return " \\t";
            case "cntrl":
                return "\\p{Cntrl}";
            case "print":
                return "\\p{Print}";
            case "graph":
                return "\\p{Graph}";
            case "word":
                return "\\w";
            default:
                throw new IllegalArgumentException("unknown POSIX class [:" + name + ":] in '" + pcre + "'");
        }
    }
}
