package io.jhttpd.kernel.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One directive or section of a configuration file, as {@link ConfigReader} leaves it after
 * everything Apache does at read time (includes spliced in, conditional sections resolved,
 * {@code ${VAR}} expanded). Immutable; two nodes are equal when all their parts are.
 *
 * <pre>
 * &lt;Directory "/srv/a b"&gt;          section "Directory", args [/srv/a b], rawArgs "\"/srv/a b\""
 *     Options -Indexes          directive "Options", args [-Indexes], children []
 * &lt;/Directory&gt;
 * </pre>
 */
public final class ConfigNode {
    private final Path file;
    private final int line;
    private final String name;
    private final List<String> args;
    private final String rawArgs;
    private final boolean section;
    private final List<ConfigNode> children;

    private ConfigNode(Path file, int line, String name, List<String> args, String rawArgs,
                       boolean section, List<ConfigNode> children) {
        this.file = Objects.requireNonNull(file);
        this.line = line;
        this.name = Objects.requireNonNull(name);
        this.args = List.copyOf(args);
        this.rawArgs = Objects.requireNonNull(rawArgs);
        this.section = section;
        this.children = List.copyOf(children);
    }

    /**
     * A directive {@code name} at {@code file:line}; {@code rawArgs} is the text its {@code args}
     * were split from.
     */
    public static ConfigNode directive(Path file, int line, String name, List<String> args, String rawArgs) {
        return new ConfigNode(file, line, name, args, rawArgs, false, List.of());
    }

    /**
     * A section {@code <name rawArgs>} at {@code file:line} holding {@code children};
     * {@code rawArgs} is the text between the name and the closing {@code >}.
     */
    public static ConfigNode section(Path file, int line, String name, List<String> args, String rawArgs,
                                     List<ConfigNode> children) {
        return new ConfigNode(file, line, name, args, rawArgs, true, children);
    }

    /** The file it was read from (absolute, or the pseudo name given to {@link ConfigReader#readText}). */
    public Path file() {
        return file;
    }

    /** The line it starts on; the first line if the directive is continued with a backslash. */
    public int line() {
        return line;
    }

    /**
     * The name as written, without {@code <} and {@code >} for sections ({@code Directory},
     * {@code DocumentRoot}). Compare it without regard to case, as Apache does.
     */
    public String name() {
        return name;
    }

    /**
     * The arguments, split and unquoted as Apache's {@code ap_getword_conf} does, after
     * {@code ${VAR}} expansion; for a section, the arguments inside {@code <...>}.
     *
     * <p>A quoted empty argument ({@code ""}) stays in the list as an empty string. Apache's
     * own argument handling takes the first empty word for the end of the arguments (so
     * {@code SetEnv A ""} is {@code SetEnv A}, {@code Include ""} has no argument, and
     * {@code Options None "" Indexes} ignores {@code Indexes}); whoever checks counts against an
     * {@link io.jhttpd.api.ArgShape} should do the same.
     */
    public List<String> args() {
        return args;
    }

    /**
     * The argument text after the name with {@code ${VAR}} expanded but not split or unquoted,
     * for directives that parse their own arguments; for a section, the text before the last
     * {@code >} of its opening line.
     */
    public String rawArgs() {
        return rawArgs;
    }

    /** True for a section ({@code <Name ...> ... </Name>}). */
    public boolean isSection() {
        return section;
    }

    /** A section's contents in file order; empty for a directive. */
    public List<ConfigNode> children() {
        return children;
    }

    /** Where it starts, as {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigNode
                && ((ConfigNode) other).line == line
                && ((ConfigNode) other).section == section
                && ((ConfigNode) other).file.equals(file)
                && ((ConfigNode) other).name.equals(name)
                && ((ConfigNode) other).args.equals(args)
                && ((ConfigNode) other).rawArgs.equals(rawArgs)
                && ((ConfigNode) other).children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, name, args, rawArgs, section, children);
    }

    /** {@code <Name args> (file:line)} or {@code Name args (file:line)}, for messages and debugging. */
    @Override
    public String toString() {
        String text = rawArgs.isEmpty() ? name : name + " " + rawArgs;
        return (section ? "<" + text + ">" : text) + " (" + location() + ")";
    }
}
