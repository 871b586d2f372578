package io.jhttpd.kernel.core;

import io.jhttpd.api.Expression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code <Directory>}, {@code <DirectoryMatch>}, {@code <Files>}, {@code <FilesMatch>},
 * {@code <Location>}, {@code <LocationMatch>}, {@code <If>}, {@code <ElseIf>} or {@code <Else>}
 * section and the per-directory configuration it sets.
 */
public final class Section {

    /** The section kinds, in Apache's merge order groups. */
    public enum Kind {
        DIRECTORY, DIRECTORY_MATCH, FILES, FILES_MATCH, LOCATION, LOCATION_MATCH, IF, ELSE_IF, ELSE;

        public boolean isRegex() {
            return this == DIRECTORY_MATCH || this == FILES_MATCH || this == LOCATION_MATCH;
        }

        /** {@code <If>}, {@code <ElseIf>}, {@code <Else>}. */
        public boolean isConditional() {
            return this == IF || this == ELSE_IF || this == ELSE;
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
    private final Expression condition;
    private final Section outer;
    private final List<Section> nestedConditions = new ArrayList<>();

    public Section(Kind kind, String path, Pattern regex, ConfigVector config, Path file, int line) {
        this.kind = kind;
        this.path = path;
        this.regex = regex;
        this.config = config;
        this.file = file;
        this.line = line;
        this.components = kind == Kind.DIRECTORY ? splitComponents(path) : null;
        this.condition = null;
        this.outer = null;
    }

    /**
     * An {@code <If>} or {@code <ElseIf>} with its {@code condition}, or an {@code <Else>} (condition
     * null), written inside {@code outer} (null at server or virtual host level).
     */
    public Section(Kind kind, Expression condition, Section outer, ConfigVector config, Path file, int line) {
        this.kind = kind;
        this.path = condition == null ? "" : condition.text();
        this.regex = null;
        this.components = null;
        this.config = config;
        this.file = file;
        this.line = line;
        this.condition = condition;
        this.outer = outer;
    }

    /**
     * The path directives inside this section are given ({@code DirectiveContext.sectionPath}): a
     * condition's is that of the section it is written in, as its directives still belong there.
     */
    public String directivePath() {
        return kind.isConditional() ? (outer == null ? null : outer.directivePath()) : path;
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

    /** The condition of an {@code <If>} or {@code <ElseIf>}; null otherwise. */
    public Expression condition() {
        return condition;
    }

    /**
     * The {@code <If>}, {@code <ElseIf>} and {@code <Else>} sections written inside this one, in
     * file order: they are evaluated only for requests this section applies to.
     */
    public List<Section> nestedConditions() {
        return nestedConditions;
    }

    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return "<" + kind + " " + path + "> at " + location();
    }
}
