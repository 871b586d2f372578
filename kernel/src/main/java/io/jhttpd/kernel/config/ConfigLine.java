package io.jhttpd.kernel.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One logical line of a configuration file: physical lines joined where one ends in a backslash,
 * trimmed of surrounding whitespace, numbered by its first physical line.
 */
record ConfigLine(int number, String text) {

    /**
     * The logical lines of {@code content}, blank ones included (callers skip them), following
     * Apache 2.4's {@code ap_cfg_getline}:
     * <ul>
     *   <li>lines end at LF; a CR before it is whitespace and trimmed away;</li>
     *   <li>a backslash right before the line end (CR LF or LF) joins the next line: the backslash
     *       and line end are dropped, nothing is inserted, and the next line's indentation is kept
     *       ({@code a\}, {@code ␣␣b} reads {@code a␣␣b}); this holds for {@code \\} at the end too,
     *       and for comment lines, which swallow the line they continue into;</li>
     *   <li>a backslash on the last line of a file with no line end stays; a file ending in
     *       backslash-LF just ends the line;</li>
     *   <li>the joined line is trimmed of leading and trailing whitespace.</li>
     * </ul>
     */
    static List<ConfigLine> split(String content) {
        List<ConfigLine> lines = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        int firstLine = 0;
        int physical = 0;
        int pos = 0;
        while (pos < content.length()) {
            int lf = content.indexOf('\n', pos);
            int end = lf < 0 ? content.length() : lf;
            physical++;
            if (firstLine == 0) {
                firstLine = physical;
            }
            int textEnd = end;
            if (lf >= 0 && textEnd > pos && content.charAt(textEnd - 1) == '\r') {
                textEnd--;
            }
            boolean continued = lf >= 0 && textEnd > pos && content.charAt(textEnd - 1) == '\\';
            if (continued) {
                joined.append(content, pos, textEnd - 1);
            } else {
                joined.append(content, pos, end);
                lines.add(new ConfigLine(firstLine, trim(joined)));
                joined.setLength(0);
                firstLine = 0;
            }
            pos = lf < 0 ? content.length() : lf + 1;
        }
        if (firstLine != 0) {
            lines.add(new ConfigLine(firstLine, trim(joined)));
        }
        return lines;
    }

    private static String trim(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && ConfigArguments.isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && ConfigArguments.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }
}
