package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The global extension → content-type table read from {@code TypesConfig}, in Apache's
 * {@code mime.types} format: one type per line followed by its extensions, {@code #} starts a
 * comment line, a type without extensions is allowed.
 *
 * <pre>
 * # MIME type        Extensions
 * text/html          html htm
 * image/jpeg         jpeg jpg jpe
 * </pre>
 *
 * Extensions are matched without regard to case; a later line wins for an extension listed twice,
 * as in Apache (it fills one hash table in file order). Immutable once built.
 */
final class MimeTypes {

    /** No types at all: what a request sees before start-up. */
    static final MimeTypes EMPTY = new MimeTypes(Map.of());

    private final Map<String, String> byExtension;

    private MimeTypes(Map<String, String> byExtension) {
        this.byExtension = byExtension;
    }

    /** Reads {@code file}; a missing or unreadable file is a configuration error naming it. */
    static MimeTypes load(Path file) throws ConfigException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return parse(in);
        } catch (IOException e) {
            throw new ConfigException("JH02005 could not open mime types config file " + file + ": " + describe(e), e);
        }
    }

    /** Parses a {@code mime.types} text. */
    static MimeTypes parse(Reader text) throws IOException {
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
        Map<String, String> table = new HashMap<>(2048);
        String line;
        while ((line = in.readLine()) != null) {
            int i = skipSpace(line, 0);
            // Apache looks at the first non-blank character only: "#" there makes a comment line.
            if (i == line.length() || line.charAt(i) == '#') {
                continue;
            }
            int end = wordEnd(line, i);
            String type = line.substring(i, end);
            for (i = skipSpace(line, end); i < line.length(); i = skipSpace(line, end)) {
                end = wordEnd(line, i);
                table.put(line.substring(i, end).toLowerCase(Locale.ROOT), type);
            }
        }
        return new MimeTypes(Map.copyOf(table));
    }

    /** The type registered for {@code lowerCaseExtension} (no dot), or {@code null}. */
    String typeOf(String lowerCaseExtension) {
        return byExtension.get(lowerCaseExtension);
    }

    /** Number of extensions known. */
    int size() {
        return byExtension.size();
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int i) {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }
}
