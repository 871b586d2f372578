package io.jhttpd.kernel.config;

import io.jhttpd.api.ConfigException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads Apache {@code httpd.conf} files into a tree of {@link ConfigNode}s, doing everything
 * Apache 2.4 does while it reads and nothing it does later: the kernel walks the tree and
 * applies the directives.
 *
 * <h2>Syntax</h2>
 * A backslash as the very last character of a line (before LF or CR LF) joins the next line to
 * it: the backslash and line end are dropped and nothing is inserted, so {@code a\} followed by
 * {@code "  b"} reads {@code "a  b"}; the node's line is the first one. Lines are then trimmed.
 * A line whose first non-blank character is {@code #} is a comment (a comment ending in a
 * backslash swallows the next line); a {@code #} anywhere else is an ordinary character. {@code ${NAME}}
 * is replaced in the whole line, before it is split, by the value of {@code Define NAME value}
 * (names compared without regard to case, as Apache's table does) or else the environment
 * variable {@code NAME}; an undefined variable stays as written and adds a warning unless its
 * name holds {@code :} (that is {@code RewriteRule}'s {@code ${map:key}}). The first word is the
 * name; the rest is split as {@link ConfigArguments} says.
 *
 * <h2>Sections</h2>
 * {@code <Name args>} opens a section and {@code </Name>} closes it, names compared without
 * regard to case. A section's arguments are the text before the last {@code >} of its line
 * (text after it is ignored with a warning, as Apache ignores it). Errors, in Apache's words:
 * {@code <Directory> directive missing closing '>'}, {@code Expected </Directory> but saw
 * </Location>}, {@code </Directory> without matching <Directory> section},
 * {@code <Directory> was not closed.} (at the opening line). Every file must be balanced on its
 * own: an included file cannot close a section of the file that includes it.
 *
 * <h2>What runs while reading</h2>
 * In file order, wherever they stand (also inside sections, as Apache runs them):
 * <ul>
 *   <li>{@code <IfDefine [!]NAME>}, {@code <IfModule [!]name>}, {@code <IfFile [!]path>},
 *       {@code <IfDirective [!]name>}, {@code <IfSection [!]name>}: the first word of the
 *       argument (after one optional {@code !}) is tested; further words are ignored. A true
 *       section's contents are spliced in its place; a false one's are skipped unread, but its
 *       nested {@code <...>}/{@code </...>} lines must still pair up ({@code Expected
 *       </IfDefine> before end of configuration} if not). A true one left open at the end of
 *       its file is accepted with a warning, as Apache accepts it. These sections never
 *       appear as nodes. {@code IfModule} asks {@link ReadTimeHooks#isModuleLoaded};
 *       {@code IfFile} resolves against the current {@code ServerRoot}; {@code IfDirective}
 *       and {@code IfSection} know the reader's own directives and ask
 *       {@link ReadTimeHooks#isDirectiveKnown} for the rest ({@code IfSection Directory} asks
 *       for {@code "<Directory"}).</li>
 *   <li>{@code Define NAME [value]} and {@code UnDefine NAME} change {@link #defines()}; they
 *       are consumed and do not appear as nodes.</li>
 *   <li>{@code Include} and {@code IncludeOptional} splice the nodes of the files they name in
 *       their place; relative paths resolve against the current {@code ServerRoot}. Wildcards
 *       ({@code * ? [...]}, not matching a leading dot) may stand in any path component; matches
 *       are read sorted by name; a directory means every file in it and below it, dot files
 *       too. {@code Include} fails when a wildcard matches nothing, {@code IncludeOptional}
 *       skips what does not exist. More than 128 nested includes is an error.</li>
 *   <li>{@code ServerRoot dir} changes how later relative paths resolve and must name a
 *       directory; {@code LoadModule name path} calls {@link ReadTimeHooks#loadModule}. Both
 *       are also kept as nodes (for dumps and for the kernel's context checks); the kernel must
 *       not run them a second time.</li>
 * </ul>
 *
 * <h2>Where this differs from Apache</h2>
 * Errors and nodes name the first line of a continued directive (Apache names the last). An
 * error inside a skipped section names the offending line (Apache names the section's first
 * line). A UTF-8 byte order mark at the start of a file is dropped with a warning (Apache
 * reports an invalid command). A file that is not UTF-8 is read as ISO-8859-1 with a warning.
 *
 * <p>Not thread-safe while the main configuration is read. {@link #readHtaccess} changes
 * nothing but the (synchronized) warnings, so once the main configuration has been read it may
 * be called from several request threads at once.
 */
public final class ConfigReader {

    /** What the reader asks its caller at read time. */
    public interface ReadTimeHooks {
        /**
         * True if the module is loaded; {@code name} is as written in {@code <IfModule>}:
         * {@code rewrite_module}, {@code mod_rewrite.c}, or whatever else the user wrote.
         */
        boolean isModuleLoaded(String name);

        /**
         * Loads a module for {@code LoadModule name path} at {@code file:line}, when the line is
         * read (so that a later {@code <IfModule>} sees it). {@code path} is as written; resolve
         * it against {@link ConfigReader#serverRoot()}. An exception becomes a {@link ConfigError}
         * at that line.
         */
        void loadModule(String name, String path, Path file, int line) throws ConfigException;

        /** True if a directive of this name is known (for {@code <IfDirective>}), without regard to case. */
        boolean isDirectiveKnown(String name);
    }

    /** How many {@code Include}s may nest (Apache's {@code AP_MAX_INCLUDE_DEPTH}). */
    public static final int MAX_INCLUDE_DEPTH = 128;

    private static final Map<String, String> CONDITIONALS = canonicalNames(
            "IfDefine", "IfModule", "IfFile", "IfDirective", "IfSection");
    private static final Map<String, String> READ_TIME_DIRECTIVES = canonicalNames(
            "Define", "UnDefine", "Include", "IncludeOptional", "ServerRoot", "LoadModule");

    private Path serverRoot;
    private final Map<String, String> defines = new LinkedHashMap<>();
    // Apache keeps Define values in an apr_table, whose keys ignore case; IfDefine does not.
    private final Map<String, String> variables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ReadTimeHooks hooks;
    private final Function<String, String> environment;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    /**
     * A reader resolving relative paths against {@code serverRoot} (made absolute), starting
     * with {@code defines} (a copy is kept; a name mapped to {@code null} or {@code ""} is
     * defined without a value, like {@code -D NAME}, any other value also serves
     * {@code ${NAME}}), asking {@code hooks} what only the kernel knows.
     */
    public ConfigReader(Path serverRoot, Map<String, String> defines, ReadTimeHooks hooks) {
        this(serverRoot, defines, hooks, System::getenv);
    }

    /** As {@link #ConfigReader(Path, Map, ReadTimeHooks)}, looking up {@code ${NAME}} in {@code environment} instead of the process environment. */
    public ConfigReader(Path serverRoot, Map<String, String> defines, ReadTimeHooks hooks,
                        Function<String, String> environment) {
        this.serverRoot = serverRoot.toAbsolutePath().normalize();
        this.hooks = Objects.requireNonNull(hooks);
        this.environment = Objects.requireNonNull(environment);
        defines.forEach((name, value) -> define(name, value == null || value.isEmpty() ? null : value));
    }

    /**
     * Reads {@code file} (relative to the current {@code ServerRoot} if relative) and everything
     * it includes. A file that cannot be opened is a {@link ConfigError} at line 0.
     */
    public List<ConfigNode> read(Path file) throws ConfigError {
        return readFile(serverRoot.resolve(file), 0, null, 0, false);
    }

    /**
     * Reads directives given as text ({@code httpd -C} / {@code -c}); nodes and errors name the
     * file {@code pseudoName}. Includes resolve against the current {@code ServerRoot}.
     */
    public List<ConfigNode> readText(String text, String pseudoName) throws ConfigError {
        return parse(new Source(Path.of(pseudoName), ConfigLine.split(text), 0, false));
    }

    /**
     * Reads an {@code .htaccess} file: like {@link #read}, but {@code Define}, {@code UnDefine},
     * {@code Include}, {@code IncludeOptional}, {@code ServerRoot} and {@code LoadModule} are
     * errors ({@code Include not allowed here}), as in Apache; conditional sections work. Which
     * directives {@code AllowOverride} lets through is the caller's business. A missing file is
     * a {@link ConfigError} at line 0; check for it first.
     */
    public List<ConfigNode> readHtaccess(Path file) throws ConfigError {
        return readFile(file, 0, null, 0, true);
    }

    /** The current {@code ServerRoot}: the one given, or the last {@code ServerRoot} read. */
    public Path serverRoot() {
        return serverRoot;
    }

    /**
     * The names defined now (by the constructor, {@code Define}, less {@code UnDefine}) in the
     * order they were defined, each with its value or {@code null}; a snapshot.
     */
    public Map<String, String> defines() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    }

    /**
     * What the reader noticed but Apache accepts, each as {@code file:line: message} (for example
     * {@code Config variable ${X} is not defined}); a snapshot.
     */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private List<ConfigNode> readFile(Path file, int depth, Path includer, int includerLine, boolean htaccess)
            throws ConfigError {
        String content;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file) && !file.toString().equals("/dev/null")) {
                throw fileError(file, "not a regular file", includer, includerLine);
            }
            content = decode(Files.readAllBytes(file), file);
        } catch (IOException e) {
            throw fileError(file, IncludeFiles.reason(e), includer, includerLine);
        }
        return parse(new Source(file, ConfigLine.split(content), depth, htaccess));
    }

    private static ConfigError fileError(Path file, String reason, Path includer, int includerLine) {
        String message = "Could not open configuration file " + file + ": " + reason;
        return includer == null ? new ConfigError(file, 0, message) : new ConfigError(includer, includerLine, message);
    }

    private String decode(byte[] bytes, Path file) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
            warn(file, 1, "UTF-8 byte order mark ignored (Apache would reject the first directive)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
        } catch (CharacterCodingException e) {
            // Apache reads bytes; ISO-8859-1 keeps every byte as one char instead of losing it.
            warn(file, 0, "not valid UTF-8, read as ISO-8859-1");
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    private List<ConfigNode> parse(Source source) throws ConfigError {
        return List.copyOf(parseBlock(source, Block.TOP));
    }

    /** Reads lines until {@code block} ends; returns the nodes read. */
    private List<ConfigNode> parseBlock(Source source, Block block) throws ConfigError {
        List<ConfigNode> nodes = new ArrayList<>();
        while (source.hasNext()) {
            ConfigLine line = source.next();
            String text = line.text();
            if (text.isEmpty() || text.charAt(0) == '#') {
                continue;
            }
            // Apache ends a true conditional only at a line that is exactly </Name>, unexpanded.
            if (block.kind == Kind.CONDITIONAL && text.equalsIgnoreCase("</" + block.name + ">")) {
                return nodes;
            }
            ConfigArguments.Cursor cursor = new ConfigArguments.Cursor(expand(text, source.file, line.number()));
            String word = cursor.next();
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("</")) {
                close(source, line, word, block);
                return nodes;
            }
            if (word.startsWith("<")) {
                openSection(source, line, word, cursor.rest(), nodes);
            } else {
                directive(source, line, word, cursor.rest(), nodes);
            }
        }
        if (block.kind == Kind.SECTION) {
            throw new ConfigError(source.file, block.line, "<" + block.name + "> was not closed.");
        }
        if (block.kind == Kind.CONDITIONAL) {
            warn(source.file, block.line, "<" + block.name + "> was not closed; its contents were read to the end of the file, as Apache does");
        }
        return nodes;
    }

    /** Checks that {@code word} ({@code </...}) closes {@code block}; throws if it does not. */
    private static void close(Source source, ConfigLine line, String word, Block block) throws ConfigError {
        if (block.kind != Kind.SECTION) {
            String name = word.endsWith(">") ? word.substring(2, word.length() - 1) : word.substring(2);
            throw new ConfigError(source.file, line.number(), "</" + name + "> without matching <" + name + "> section");
        }
        if (!word.endsWith(">")) {
            throw new ConfigError(source.file, line.number(), "</" + word.substring(2) + "> directive missing closing '>'");
        }
        String name = word.substring(2, word.length() - 1);
        if (!name.equalsIgnoreCase(block.name)) {
            throw new ConfigError(source.file, line.number(), "Expected </" + block.name + "> but saw </" + name + ">");
        }
    }

    private void openSection(Source source, ConfigLine line, String word, String rest, List<ConfigNode> nodes)
            throws ConfigError {
        String name = word.substring(1);
        if (name.endsWith(">")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw new ConfigError(source.file, line.number(), "Syntax error: a section name must follow '<'");
        }
        String rawArgs = "";
        if (!rest.isEmpty()) {
            int bracket = rest.lastIndexOf('>');
            if (bracket < 0) {
                throw new ConfigError(source.file, line.number(), "<" + name + "> directive missing closing '>'");
            }
            rawArgs = stripTrailingSpace(rest.substring(0, bracket));
            String after = rest.substring(bracket + 1).strip();
            if (!after.isEmpty()) {
                warn(source.file, line.number(), "text after '>' of <" + name + "> ignored: " + after);
            }
        }
        String conditional = CONDITIONALS.get(name.toLowerCase(Locale.ROOT));
        if (conditional == null) {
            List<ConfigNode> children = parseBlock(source, Block.section(name, line.number()));
            nodes.add(ConfigNode.section(source.file, line.number(), name, ConfigArguments.split(rawArgs), rawArgs, children));
            return;
        }
        boolean negated = rawArgs.startsWith("!");
        ConfigArguments.Cursor cursor = new ConfigArguments.Cursor(negated ? rawArgs.substring(1) : rawArgs);
        String tested = cursor.next();
        if (tested.isEmpty()) {
            throw new ConfigError(source.file, line.number(), "<" + conditional + "> directive requires additional arguments");
        }
        if (!cursor.atEnd()) {
            warn(source.file, line.number(), "<" + conditional + "> tests only its first argument; ignored: " + cursor.rest());
        }
        if (test(conditional, tested) != negated) {
            nodes.addAll(parseBlock(source, Block.conditional(conditional, line.number())));
        } else {
            skip(source, conditional, line.number());
        }
    }

    private boolean test(String conditional, String name) {
        switch (conditional) {
            case "IfDefine":
                return defines.containsKey(name);
            case "IfModule":
                return hooks.isModuleLoaded(name);
            case "IfFile":
                try {
                    return Files.exists(serverRoot.resolve(name));
                } catch (InvalidPathException e) {
                    return false;
                }
            case "IfDirective":
                return READ_TIME_DIRECTIVES.containsKey(name.toLowerCase(Locale.ROOT))
                        || (name.startsWith("<") && CONDITIONALS.containsKey(name.substring(1).toLowerCase(Locale.ROOT)))
                        || hooks.isDirectiveKnown(name);
            case "IfSection":
                return CONDITIONALS.containsKey(name.toLowerCase(Locale.ROOT)) || hooks.isDirectiveKnown("<" + name);
            default:
                throw new IllegalStateException(conditional);
        }
    }

    /**
     * Skips the contents of a false conditional section up to its {@code </name>}, checking only
     * that nested sections pair up (Apache's {@code ap_soak_end_container}: no expansion, no
     * comments, nothing else looked at).
     */
    private static void skip(Source source, String name, int openLine) throws ConfigError {
        while (source.hasNext()) {
            ConfigLine line = source.next();
            ConfigArguments.Cursor cursor = new ConfigArguments.Cursor(line.text());
            String word = cursor.next();
            if (word.startsWith("</")) {
                if (!word.endsWith(">")) {
                    throw new ConfigError(source.file, line.number(), "</" + word.substring(2) + "> directive missing closing '>'");
                }
                String closed = word.substring(2, word.length() - 1);
                if (!closed.equalsIgnoreCase(name)) {
                    throw new ConfigError(source.file, line.number(), "Expected </" + name + "> but saw </" + closed + ">");
                }
                return;
            }
            if (word.startsWith("<")) {
                String nested = word.substring(1);
                if (cursor.atEnd() && nested.endsWith(">")) {
                    nested = nested.substring(0, nested.length() - 1);
                }
                skip(source, nested, line.number());
            }
        }
        throw new ConfigError(source.file, openLine, "Expected </" + name + "> before end of configuration");
    }

    private void directive(Source source, ConfigLine line, String name, String rawArgs, List<ConfigNode> nodes)
            throws ConfigError {
        List<String> args = ConfigArguments.split(rawArgs);
        String readTime = READ_TIME_DIRECTIVES.get(name.toLowerCase(Locale.ROOT));
        if (readTime == null) {
            nodes.add(ConfigNode.directive(source.file, line.number(), name, args, rawArgs));
            return;
        }
        if (source.htaccess) {
            throw new ConfigError(source.file, line.number(), readTime + " not allowed here");
        }
        switch (readTime) {
            case "Define":
                if (!takes(args, 1, 2)) {
                    throw new ConfigError(source.file, line.number(), "Define takes 1-2 arguments, Define a variable, "
                            + "optionally to a value.  Same as passing -D to the command line.");
                }
                checkVariableName(source, line, args.get(0));
                define(args.get(0), args.size() == 2 && !args.get(1).isEmpty() ? args.get(1) : null);
                return;
            case "UnDefine":
                if (!takes(args, 1, 1)) {
                    throw new ConfigError(source.file, line.number(),
                            "UnDefine takes one argument, Undefine the existence of a variable. Undo a Define.");
                }
                checkVariableName(source, line, args.get(0));
                defines.remove(args.get(0));
                variables.remove(args.get(0));
                return;
            case "Include":
            case "IncludeOptional":
                nodes.addAll(include(source, line, readTime, args));
                return;
            case "ServerRoot":
                if (!takes(args, 1, 1)) {
                    throw new ConfigError(source.file, line.number(),
                            "ServerRoot takes one argument, Common directory of server-related files (logs, confs, etc.)");
                }
                Path root = resolve(args.get(0));
                if (root == null || !Files.isDirectory(root)) {
                    throw new ConfigError(source.file, line.number(), "ServerRoot must be a valid directory");
                }
                serverRoot = root;
                break;
            case "LoadModule":
                if (!takes(args, 2, 2)) {
                    throw new ConfigError(source.file, line.number(), "LoadModule takes two arguments, a module name "
                            + "and the name of a shared object file to load it from");
                }
                try {
                    hooks.loadModule(args.get(0), args.get(1), source.file, line.number());
                } catch (ConfigError e) {
                    throw e;
                } catch (ConfigException e) {
                    throw new ConfigError(source.file, line.number(), e.getMessage());
                }
                break;
            default:
                throw new IllegalStateException(readTime);
        }
        nodes.add(ConfigNode.directive(source.file, line.number(), name, args, rawArgs));
    }

    private List<ConfigNode> include(Source source, ConfigLine line, String directive, List<String> args)
            throws ConfigError {
        boolean optional = directive.equals("IncludeOptional");
        if (!takes(args, 1, 1)) {
            throw new ConfigError(source.file, line.number(), optional
                    ? "IncludeOptional takes one argument, Name or pattern of the config file(s) to be included; "
                            + "ignored if the file does not exist or the pattern does not match any files"
                    : "Include takes one argument, Name(s) of the config file(s) to be included; "
                            + "fails if the wildcard does not match at least one file");
        }
        if (source.depth >= MAX_INCLUDE_DEPTH) {
            throw new ConfigError(source.file, line.number(), "Exceeded maximum include depth of "
                    + MAX_INCLUDE_DEPTH + ", There appears to be a recursion.");
        }
        Path target = resolve(args.get(0));
        if (target == null) {
            throw new ConfigError(source.file, line.number(), "Invalid Include path " + args.get(0));
        }
        List<ConfigNode> nodes = new ArrayList<>();
        try {
            IncludeFiles.visit(target, optional,
                    file -> nodes.addAll(readFile(file, source.depth + 1, source.file, line.number(), false)));
        } catch (ConfigError e) {
            throw e;
        } catch (ConfigException e) {
            throw new ConfigError(source.file, line.number(), e.getMessage());
        }
        return nodes;
    }

    /** {@code path} against the current {@code ServerRoot}, normalized as APR does; null if no path. */
    private Path resolve(String path) {
        try {
            return serverRoot.resolve(path).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Apache's argument count check: the words up to the first empty one count, and none may
     * follow it, except that an empty optional last word counts as absent.
     */
    private static boolean takes(List<String> args, int min, int max) {
        if (args.isEmpty() || args.size() > max || args.get(0).isEmpty()) {
            return false;
        }
        for (int i = 1; i < min; i++) {
            if (i >= args.size() || args.get(i).isEmpty()) {
                return false;
            }
        }
        return args.size() >= min;
    }

    private static void checkVariableName(Source source, ConfigLine line, String name) throws ConfigError {
        if (name.indexOf(':') >= 0) {
            throw new ConfigError(source.file, line.number(), "Variable name must not contain ':'");
        }
    }

    private void define(String name, String value) {
        if (value != null) {
            defines.put(name, value);
            variables.put(name, value);
        } else if (!defines.containsKey(name)) {
            // Like Apache, a valueless Define leaves an earlier value in place.
            defines.put(name, variables.get(name));
        }
    }

    /** Replaces {@code ${NAME}} in {@code text} as Apache's {@code ap_resolve_env} does. */
    private String expand(String text, Path file, int line) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        StringBuilder expanded = new StringBuilder(text.length() + 16);
        int pos = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            String name = text.substring(start + 2, end);
            String value = variables.get(name);
            if (value == null) {
                value = environment.apply(name);
            }
            expanded.append(text, pos, start);
            if (value != null) {
                expanded.append(value);
            } else {
                expanded.append(text, start, end + 1);
                if (name.indexOf(':') < 0) {
                    warn(file, line, "Config variable ${" + name + "} is not defined");
                }
            }
            pos = end + 1;
            start = text.indexOf("${", pos);
        }
        return expanded.append(text, pos, text.length()).toString();
    }

    private void warn(Path file, int line, String message) {
        warnings.add(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }

    private static String stripTrailingSpace(String text) {
        int end = text.length();
        while (end > 0 && ConfigArguments.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static Map<String, String> canonicalNames(String... names) {
        Map<String, String> byLowerCase = new TreeMap<>();
        for (String name : names) {
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Collections.unmodifiableMap(byLowerCase);
    }

    /** The lines of one file or text being read, and how deep it is included. */
    private static final class Source {
        final Path file;
        final List<ConfigLine> lines;
        final int depth;
        final boolean htaccess;
        int next;

        Source(Path file, List<ConfigLine> lines, int depth, boolean htaccess) {
            this.file = file;
            this.lines = lines;
            this.depth = depth;
            this.htaccess = htaccess;
        }

        boolean hasNext() {
            return next < lines.size();
        }

        ConfigLine next() {
            return lines.get(next++);
        }
    }

    private enum Kind { TOP, SECTION, CONDITIONAL }

    /** What ends the lines being read: the end of the file, or the closing tag of a section. */
    private static final class Block {
        static final Block TOP = new Block(Kind.TOP, "", 0);

        final Kind kind;
        final String name;
        final int line;

        private Block(Kind kind, String name, int line) {
            this.kind = kind;
            this.name = name;
            this.line = line;
        }

        static Block section(String name, int line) {
            return new Block(Kind.SECTION, name, line);
        }

        static Block conditional(String name, int line) {
            return new Block(Kind.CONDITIONAL, name, line);
        }
    }
}
