package io.jhttpd.kernel.config;

import io.jhttpd.api.ConfigException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files an {@code Include} or {@code IncludeOptional} path stands for, visited in Apache's
 * order ({@code ap_process_fnmatch_configs}):
 * <ul>
 *   <li>a path without wildcards names a file, or a directory whose entries (all of them, dot
 *       files too, subdirectories recursively) are visited sorted by name;</li>
 *   <li>wildcards ({@code * ? [...]}, as {@code apr_fnmatch} with {@code APR_FNM_PERIOD}: a
 *       leading dot must be matched by a dot) may stand in any path component; a wildcard in a
 *       directory component only matches real directories (not symbolic links to them, as in
 *       Apache), the last component matches anything, and matches are visited sorted by name;</li>
 *   <li>{@code Include} fails when a wildcard matches nothing or a directory cannot be read;
 *       {@code IncludeOptional} silently skips what does not exist.</li>
 * </ul>
 * Files are visited one by one, so a syntax error in one file is reported before a later
 * directory is even listed, as in Apache.
 */
final class IncludeFiles {

    private static final String LOOP = "Too many levels of symbolic links";

    /** How deep a plain directory include may nest (Apache's {@code AP_MAX_INCLUDE_DIR_DEPTH}). */
    static final int MAX_DIRECTORY_DEPTH = 128;

    // Apache sorts with strcmp, i.e. by bytes; code point order is the same for UTF-8 names.
    private static final Comparator<Path> BY_NAME = (a, b) -> compareCodePoints(a.toString(), b.toString());

    /** Reads one configuration file found by an include. */
    @FunctionalInterface
    interface Visitor {
        void read(Path file) throws ConfigError;
    }

    private IncludeFiles() {
    }

    /**
     * Visits the files {@code path} (absolute, normalized) stands for. Errors of the visitor pass
     * through; errors finding the files are {@link ConfigException}s saying what failed, for the
     * caller to place at the {@code Include} line.
     */
    static void visit(Path path, boolean optional, Visitor visitor) throws ConfigException {
        List<String> components = new ArrayList<>();
        for (Path name : path) {
            components.add(name.toString());
        }
        int firstPattern = -1;
        for (int i = 0; i < components.size() && firstPattern < 0; i++) {
            if (isPattern(components.get(i))) {
                firstPattern = i;
            }
        }
        if (firstPattern < 0) {
            visitPlain(path, optional, 0, visitor);
            return;
        }
        Path base = path.getRoot() != null ? path.getRoot() : Path.of("");
        for (int i = 0; i < firstPattern; i++) {
            base = base.resolve(components.get(i));
        }
        visitPattern(base, components.subList(firstPattern, components.size()), optional, visitor);
    }

    private static void visitPattern(Path directory, List<String> components, boolean optional, Visitor visitor)
            throws ConfigException {
        String component = components.get(0);
        List<String> rest = components.subList(1, components.size());
        if (!isPattern(component)) {
            Path next = directory.resolve(component);
            if (rest.isEmpty()) {
                visitPlain(next, optional, 0, visitor);
            } else {
                visitPattern(next, rest, optional, visitor);
            }
            return;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (matches(component, entry.getFileName().toString())
                        && (rest.isEmpty() || Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))) {
                    candidates.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            if (optional) {
                return;
            }
            throw new ConfigException("Include/IncludeOptional: Could not open directory " + directory + ": "
                    + reason(e));
        } catch (IOException e) {
            throw new ConfigException("Include/IncludeOptional: Could not open directory " + directory + ": "
                    + reason(e));
        }
        if (candidates.isEmpty()) {
            if (optional) {
                return;
            }
            throw new ConfigException("Include/IncludeOptional: No matches for the wildcard '" + component
                    + "' in '" + directory + "', failing");
        }
        candidates.sort(BY_NAME);
        for (Path candidate : candidates) {
            if (rest.isEmpty()) {
                visitPlain(candidate, optional, 0, visitor);
            } else {
                visitPattern(candidate, rest, optional, visitor);
            }
        }
    }

    private static void visitPlain(Path path, boolean optional, int depth, Visitor visitor) throws ConfigException {
        if (Files.isDirectory(path)) {
            if (depth + 1 > MAX_DIRECTORY_DEPTH) {
                throw new ConfigException("Directory " + path + " exceeds the maximum include directory nesting level of "
                        + MAX_DIRECTORY_DEPTH + ". You have probably a recursion somewhere.");
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                throw new ConfigException("Could not open config directory " + path + ": " + reason(e));
            }
            entries.sort(BY_NAME);
            for (Path entry : entries) {
                visitPlain(entry, optional, depth + 1, visitor);
            }
            return;
        }
        if (optional && !Files.exists(path)) {
            return;
        }
        visitor.read(path);
    }

    /** True if {@code component} holds a wildcard, as {@code apr_fnmatch_test} decides. */
    static boolean isPattern(String component) {
        boolean openBracket = false;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '?' || c == '*') {
                return true;
            }
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                openBracket = true;
            } else if (c == ']' && openBracket) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if file name {@code name} matches {@code pattern} ({@code *}, {@code ?}, {@code [a-z]},
     * {@code [!x]} or {@code [^x]}, backslash escapes), where a leading dot of the name is matched
     * only by a dot.
     */
    static boolean matches(String pattern, String name) {
        return match(pattern, 0, name, 0);
    }

    private static boolean match(String pattern, int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            boolean hiddenDot = n == 0 && name.startsWith(".");
            if (c == '*') {
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                if (hiddenDot) {
                    return false;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int k = n; k <= name.length(); k++) {
                    if (match(pattern, p, name, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '?') {
                if (n >= name.length() || hiddenDot) {
                    return false;
                }
                p++;
                n++;
                continue;
            }
            if (c == '[') {
                int close = bracketEnd(pattern, p);
                if (close > 0) {
                    if (n >= name.length() || hiddenDot || !inBracket(pattern, p + 1, close, name.charAt(n))) {
                        return false;
                    }
                    p = close + 1;
                    n++;
                    continue;
                }
            }
            if (c == '\\' && p + 1 < pattern.length()) {
                p++;
                c = pattern.charAt(p);
            }
            if (n >= name.length() || name.charAt(n) != c) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length();
    }

    /** Index of the {@code ]} closing the bracket expression opened at {@code open}, or -1. */
    private static int bracketEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean inBracket(String pattern, int from, int close, char c) {
        boolean negate = pattern.charAt(from) == '!' || pattern.charAt(from) == '^';
        boolean found = false;
        // A ']' right after '[' or '[!' is literal; bracketEnd already skipped it when finding close.
        for (int i = negate ? from + 1 : from; i < close; ) {
            char low = pattern.charAt(i);
            if (low == '\\' && i + 1 < close) {
                low = pattern.charAt(++i);
            }
            i++;
            char high = low;
            if (i + 1 < close && pattern.charAt(i) == '-') {
                int h = i + 1;
                if (pattern.charAt(h) == '\\' && h + 1 < close) {
                    h++;
                }
                high = pattern.charAt(h);
                i = h + 1;
            }
            if (low <= c && c <= high) {
                found = true;
            }
        }
        return found != negate;
    }

    /** The C library's wording for the usual reasons a file cannot be opened, else Java's. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            String reason = ((FileSystemException) e).getReason();
            // The JDK appends its own guess to ELOOP's text; strerror's words are what Apache prints.
            return reason.startsWith(LOOP) ? LOOP : reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
