package io.jhttpd.kernel.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument syntax of Apache configuration lines, as {@code ap_getword_conf} reads it.
 *
 * <ul>
 *   <li>Arguments are separated by whitespace (C {@code isspace}: space, tab, CR, LF, VT, FF).</li>
 *   <li>An argument that <em>starts</em> with {@code "} or {@code '} runs to the next unescaped
 *       quote of the same kind and may hold whitespace; inside it {@code \"} (or {@code \'}) and
 *       {@code \\} stand for the quote and the backslash, any other backslash is kept. A quote
 *       that is never closed runs to the end of the line (Apache accepts it). A closing quote
 *       ends the argument even when text follows it: {@code "a"b} is two arguments.</li>
 *   <li>Outside quotes, {@code \\} stands for one backslash, every other character (quotes
 *       inside a word too: {@code a"b}) is kept as it is.</li>
 *   <li>{@code ${NAME}} is not part of this syntax: the reader expands it in the whole line
 *       before splitting, as Apache does, so a value with spaces becomes several arguments and
 *       no quoting protects <code>${</code>.</li>
 * </ul>
 *
 * <p>{@link #quote} writes any string so that {@link #split} gives it back.
 */
public final class ConfigArguments {

    private ConfigArguments() {
    }

    /**
     * The arguments of {@code text}, unquoted. A quoted empty argument gives an empty string.
     *
     * <pre>{@code split("%h \"%r\" 'a b' c\\\\d")  ->  [%h, "%r", a b, c\d]}</pre>
     */
    public static List<String> split(String text) {
        Cursor cursor = new Cursor(text);
        List<String> words = new ArrayList<>();
        while (!cursor.atEnd()) {
            words.add(cursor.next());
        }
        return words;
    }

    /**
     * {@code arg} written as one argument: as it is when nothing in it is special, else in
     * double quotes with {@code "} and {@code \} escaped by a backslash. <code>${</code> cannot be
     * protected (see the class comment).
     */
    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.charAt(0) != '"' && arg.charAt(0) != '\'' && arg.indexOf('\\') < 0
                && arg.chars().noneMatch(c -> isSpace((char) c))) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder(arg.length() + 2).append('"');
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** C's {@code isspace} in the "C" locale, which is what Apache splits on. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** Reads a line word by word, like repeated calls of {@code ap_getword_conf}. */
    static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
            skipSpace();
        }

        /** True when only whitespace is left. */
        boolean atEnd() {
            return pos >= text.length();
        }

        /** What is left of the line, from the next word on. */
        String rest() {
            return text.substring(pos);
        }

        /** The next word, unquoted; {@code ""} at the end of the line (or for a quoted empty word). */
        String next() {
            if (atEnd()) {
                return "";
            }
            char quote = text.charAt(pos);
            String word;
            if (quote == '"' || quote == '\'') {
                int start = pos + 1;
                int end = start;
                while (end < text.length() && text.charAt(end) != quote) {
                    end += isEscape(end, quote) ? 2 : 1;
                }
                word = unescape(start, end, quote);
                pos = end < text.length() ? end + 1 : end;
            } else {
                int end = pos;
                while (end < text.length() && !isSpace(text.charAt(end))) {
                    end++;
                }
                word = unescape(pos, end, '\0');
                pos = end;
            }
            skipSpace();
            return word;
        }

        // A backslash escapes only itself and the enclosing quote; everywhere else it is literal
        // (Windows paths and regular expressions keep their backslashes).
        private boolean isEscape(int at, char quote) {
            if (text.charAt(at) != '\\' || at + 1 >= text.length()) {
                return false;
            }
            char next = text.charAt(at + 1);
            return next == '\\' || (quote != '\0' && next == quote);
        }

        private String unescape(int start, int end, char quote) {
            StringBuilder word = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                if (i + 1 < end && isEscape(i, quote)) {
                    i++;
                }
                word.append(text.charAt(i));
            }
            return word.toString();
        }

        private void skipSpace() {
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
