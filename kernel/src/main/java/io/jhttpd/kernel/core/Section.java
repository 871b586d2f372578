package io.jhttpd.kernel.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code <Directory>}, {@code <DirectoryMatch>}, {@code <Files>}, {@code <FilesMatch>},
 * {@code <Location>} or {@code <LocationMatch>} section and the per-directory configuration it sets.
 */
public final class Section {

    /** The section kinds, in Apache's merge order groups. */
    public enum Kind {
        DIRECTORY, DIRECTORY_MATCH, FILES, FILES_MATCH, LOCATION, LOCATION_MATCH;

        public boolean isRegex() {
            return this == DIRECTORY_MATCH || this == FILES_MATCH || this == LOCATION_MATCH;
        }
    }

    private final Kind kind;
    private final String path;
    private final Pattern regex;
    private final String[] components;
    private final ConfigVector config;
    private final Path file;
    private final int line;
    private final List<Section> nestedFiles = new ArrayList<>();

    public Section(Kind kind, String path, Pattern regex, ConfigVector config, Path file, int line) {
        this.kind = kind;
        this.path = path;
        this.regex = regex;
        this.config = config;
        this.file = file;
        this.line = line;
        this.components = kind == Kind.DIRECTORY ? splitComponents(path) : null;
    }

    static String[] splitComponents(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return new String[0];
        }
        return (p.startsWith("/") ? p.substring(1) : p).split("/+");
    }

    public Kind kind() {
        return kind;
    }

    public String path() {
        return path;
    }

    public Pattern regex() {
        return regex;
    }

    /** Path components of a non-regex {@code <Directory>} (may hold wildcards). */
    public String[] components() {
        return components;
    }

    public ConfigVector config() {
        return config;
    }

    /** {@code <Files>} sections nested in this {@code <Directory>}: they apply only where it does. */
    public List<Section> nestedFiles() {
        return nestedFiles;
    }

    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return "<" + kind + " " + path + "> at " + location();
    }
}
