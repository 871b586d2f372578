package io.jhttpd.kernel.core;

import io.jhttpd.api.ApacheRegex;
import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Expression;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import io.jhttpd.kernel.config.ConfigError;
import io.jhttpd.kernel.config.ConfigNode;
import io.jhttpd.kernel.module.ConfigSlots;
import io.jhttpd.kernel.module.DirectiveTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks the configuration tree and applies each directive to the server or section it stands in,
 * checking where it may appear and how many arguments it takes, as Apache's
 * {@code ap_process_config_tree} does. Every error names file and line.
 */
public final class ConfigApplier {

    private final DirectiveTable directives;
    private final ConfigSlots slots;
    private final Path serverRoot;
    private final VirtualServer main;
    private final List<VirtualServer> virtualHosts = new ArrayList<>();

    public ConfigApplier(DirectiveTable directives, ConfigSlots slots, Path serverRoot) {
        this.directives = directives;
        this.slots = slots;
        this.serverRoot = serverRoot;
        this.main = new VirtualServer(false, List.of(), slots);
    }

    public VirtualServer main() {
        return main;
    }

    public List<VirtualServer> virtualHosts() {
        return virtualHosts;
    }

    /** The AllowOverride settings in force while an access file is applied, else null. */
    private CoreDirConfig accessFileRules;
    /** Warnings of the access file being applied ({@code Nonfatal=}). */
    private List<String> accessFileWarnings;

    /**
     * Applies the directives of the access file {@code file} of directory {@code dir} for
     * {@code server}, as far as {@code allowed} ({@code AllowOverride}, {@code AllowOverrideList})
     * lets them in, into a new {@code <Directory dir>} section. Skipped directives
     * ({@code Nonfatal=}) are added to {@code warnings}. Not thread-safe; callers serialise.
     */
    public Section applyAccessFile(List<ConfigNode> nodes, VirtualServer server, String dir, Path file, CoreDirConfig allowed,
            List<String> warnings) throws ConfigError {
        Section s = new Section(Section.Kind.DIRECTORY, dir, null, new ConfigVector(slots.size()), file, 0);
        accessFileRules = allowed;
        accessFileWarnings = warnings;
        try {
            applyAll(nodes, server, Scope.HTACCESS, s);
        } finally {
            accessFileRules = null;
            accessFileWarnings = null;
        }
        return s;
    }

    /** Applies {@code nodes} at main-server level. */
    public void apply(List<ConfigNode> nodes) throws ConfigError {
        applyAll(nodes, main, Scope.SERVER, null);
    }

    /** What a directive's context tells the core's {@code Require}: the container being read, if any. */
    interface RequireContainers {
        /** The rules of the innermost {@code <RequireAll>}, {@code <RequireAny>} or {@code <RequireNone>} being read, or null. */
        List<Authorization.Rule> openRequireContainer();
    }

    /** The {@code <Require...>} containers being read, innermost first. */
    private final java.util.ArrayDeque<List<Authorization.Rule>> requireContainers = new java.util.ArrayDeque<>();

    private void applyAll(List<ConfigNode> nodes, VirtualServer server, Scope scope, Section section) throws ConfigError {
        // the latest <If>, <ElseIf> or <Else> of this scope, which an <ElseIf> or <Else> continues
        Section lastCondition = null;
        for (ConfigNode n : nodes) {
            if (!n.isSection()) {
                applyDirective(n, server, scope, section);
            } else if (Authorization.Kind.ofSection(n.name()) != null) {
                applyRequireContainer(n, server, scope, section);
            } else if (n.name().equalsIgnoreCase("Limit") || n.name().equalsIgnoreCase("LimitExcept")) {
                applyLimit(n, server, scope, section);
            } else if (sectionKind(n.name()) != null && sectionKind(n.name()).isConditional()) {
                lastCondition = applyCondition(n, server, scope, section, lastCondition);
            } else {
                applySection(n, server, scope, section);
            }
        }
    }

    /** Whether {@code <name} opens a section the kernel itself knows ({@code <IfSection>}, {@code <IfDirective>}). */
    static boolean isCoreSection(String name) {
        if (!name.startsWith("<")) {
            return false;
        }
        String n = name.substring(1).toLowerCase(Locale.ROOT);
        return n.equals("virtualhost") || n.equals("limit") || n.equals("limitexcept") || sectionKind(n) != null
                || Authorization.Kind.ofSection(n) != null;
    }

    /**
     * A {@code <RequireAll>}, {@code <RequireAny>} or {@code <RequireNone>}: only {@code Require}
     * lines and other such containers inside; the whole is one rule of the enclosing container, or
     * of the section's own lines.
     */
    private void applyRequireContainer(ConfigNode n, VirtualServer server, Scope scope, Section section) throws ConfigError {
        Authorization.Kind kind = Authorization.Kind.ofSection(n.name());
        List<Authorization.Rule> rules = readRequireLines(n, server, scope, section);
        try {
            Authorization.Rule container = Authorization.container(kind, rules);
            List<Authorization.Rule> outer = requireContainers.peek();
            if (outer != null) {
                outer.add(container);
            } else {
                CoreModule.addRequire(new Context(n, server, scope, section).config(CoreModule.DIR), container);
            }
        } catch (ConfigException e) {
            throw error(n, e.getMessage());
        }
    }

    /**
     * A {@code <Limit methods>} or {@code <LimitExcept methods>} in a section: its {@code Require}
     * lines (and containers) join the section's own, each counting only for the methods it names
     * (or, for {@code LimitExcept}, does not name).
     */
    private void applyLimit(ConfigNode n, VirtualServer server, Scope scope, Section section) throws ConfigError {
        if (n.args().isEmpty()) {
            throw error(n, "<" + n.name() + "> requires at least one method");
        }
        if (!requireContainers.isEmpty()) {
            throw error(n, "<" + n.name() + "> cannot occur within a <Require...> section");
        }
        java.util.Set<String> methods = Authorization.methods(n.args());
        boolean except = n.name().equalsIgnoreCase("LimitExcept");
        List<Authorization.Rule> rules = readRequireLines(n, server, scope, section);
        CoreDirConfig d = new Context(n, server, scope, section).config(CoreModule.DIR);
        try {
            for (Authorization.Rule rule : rules) {
                CoreModule.addRequire(d, Authorization.limited(rule, methods, except));
            }
        } catch (ConfigException e) {
            throw error(n, e.getMessage());
        }
    }

    /** The rules of the {@code Require} lines and containers inside {@code n}, which may hold nothing else. */
    private List<Authorization.Rule> readRequireLines(ConfigNode n, VirtualServer server, Scope scope, Section section) throws ConfigError {
        if (scope != Scope.DIRECTORY && scope != Scope.HTACCESS) {
            throw error(n, "<" + n.name() + "> not allowed " + (scope == Scope.SERVER ? "at server level" : "in <VirtualHost> context")
                    + " (only in <Directory>, <Location>, <Files>, <If> and .htaccess)");
        }
        for (ConfigNode child : n.children()) {
            boolean allowed = child.isSection() ? Authorization.Kind.ofSection(child.name()) != null : child.name().equalsIgnoreCase("Require");
            if (!allowed) {
                throw error(child, "only Require directives and <RequireAll>, <RequireAny>, <RequireNone> sections may appear in <"
                        + n.name() + ">, not " + (child.isSection() ? "<" + child.name() + ">" : child.name()));
            }
        }
        List<Authorization.Rule> rules = new ArrayList<>();
        requireContainers.push(rules);
        try {
            applyAll(n.children(), server, scope, section);
        } finally {
            requireContainers.pop();
        }
        return rules;
    }

    /**
     * An {@code <If>}, {@code <ElseIf>} or {@code <Else>}: allowed wherever directory directives are
     * (server, virtual host, the other sections, {@code .htaccess}, another condition); its
     * directives apply to a request when its condition holds, evaluated after the
     * {@code <Location>} sections, as Apache's {@code ap_if_walk}.
     */
    private Section applyCondition(ConfigNode n, VirtualServer server, Scope scope, Section enclosing, Section previous)
            throws ConfigError {
        Section.Kind kind = sectionKind(n.name());
        if (kind != Section.Kind.IF && (previous == null || previous.kind() == Section.Kind.ELSE)) {
            throw error(n, "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope");
        }
        Expression condition = null;
        if (kind == Section.Kind.ELSE) {
            if (!n.args().isEmpty()) {
                throw error(n, "<Else> does not take an argument");
            }
        } else {
            if (n.args().isEmpty()) {
                throw error(n, "<" + n.name() + "> directive requires additional arguments");
            }
            if (n.args().size() > 1) {
                throw error(n, "<" + n.name() + "> takes one expression, quoted as a whole: <" + n.name()
                        + " \"%{HTTP_HOST} == 'www.example.com'\">");
            }
            try {
                condition = Expression.parse(n.args().get(0), scope);
            } catch (ConfigException e) {
                throw error(n, "Cannot parse condition clause: " + e.getMessage());
            }
        }
        Section s = new Section(kind, condition, enclosing, new ConfigVector(slots.size()), n.file(), n.line());
        applyAll(n.children(), server, scope == Scope.HTACCESS ? Scope.HTACCESS : Scope.DIRECTORY, s);
        if (enclosing != null) {
            enclosing.nestedConditions().add(s);
        } else {
            server.addSection(s);
        }
        return s;
    }

    private void applySection(ConfigNode n, VirtualServer server, Scope scope, Section enclosing) throws ConfigError {
        String name = n.name().toLowerCase(Locale.ROOT);
        if (name.equals("virtualhost")) {
            if (scope != Scope.SERVER) {
                throw error(n, "<VirtualHost> cannot occur within <" + enclosingName(scope) + "> section");
            }
            if (n.args().isEmpty()) {
                throw error(n, "<VirtualHost> must have at least one address argument");
            }
            List<HostAddress> addresses = new ArrayList<>();
            for (String a : n.args()) {
                try {
                    addresses.add(HostAddress.parse(a));
                } catch (IllegalArgumentException e) {
                    throw error(n, "<VirtualHost>: " + e.getMessage());
                }
            }
            VirtualServer vhost = new VirtualServer(true, addresses, slots);
            applyAll(n.children(), vhost, Scope.VIRTUAL_HOST, null);
            virtualHosts.add(vhost);
            return;
        }
        Section.Kind kind = sectionKind(name);
        if (kind == null) {
            throw error(n, KnownDirectives.invalidCommand("<" + n.name(), n.name()));
        }
        boolean nestedFilesInDirectory = enclosing != null && enclosing.kind() == Section.Kind.DIRECTORY
                && (kind == Section.Kind.FILES || kind == Section.Kind.FILES_MATCH);
        if (scope == Scope.HTACCESS && !nestedFilesInDirectory) {
            throw error(n, "<" + n.name() + " not allowed here");
        }
        if (scope == Scope.DIRECTORY && !nestedFilesInDirectory) {
            throw error(n, "<" + n.name() + "> cannot occur within <" + sectionWord(enclosing) + "> section");
        }
        List<String> args = new ArrayList<>(n.args());
        boolean tilde = !args.isEmpty() && args.get(0).equals("~");
        if (tilde) {
            args.remove(0);
            kind = regexKind(kind);
        }
        if (args.size() != 1) {
            throw error(n, "<" + n.name() + "> takes exactly one path argument" + (args.isEmpty() ? ", none given" : ""));
        }
        String path = args.get(0);
        Pattern regex = null;
        if (kind.isRegex()) {
            try {
                // PCRE as Apache compiles it: DOTALL and DOLLAR_ENDONLY (CVE-2017-15715), POSIX classes
                regex = ApacheRegex.compile(path, false);
            } catch (IllegalArgumentException e) {
                throw error(n, "Regular expression could not be compiled: " + e.getMessage());
            }
        } else if (kind == Section.Kind.DIRECTORY) {
            if (!path.startsWith("/")) {
                path = serverRoot.resolve(path).toString();
            }
        }
        Section s = new Section(kind, path, regex, new ConfigVector(slots.size()), n.file(), n.line());
        applyAll(n.children(), server, scope == Scope.HTACCESS ? Scope.HTACCESS : Scope.DIRECTORY, s);
        if (nestedFilesInDirectory) {
            enclosing.nestedFiles().add(s);
        } else {
            server.addSection(s);
        }
    }

    /** The sections the kernel reads, by their lower-case names. */
    private static final Map<String, Section.Kind> SECTION_KINDS = Map.of(
            "directory", Section.Kind.DIRECTORY, "directorymatch", Section.Kind.DIRECTORY_MATCH,
            "files", Section.Kind.FILES, "filesmatch", Section.Kind.FILES_MATCH,
            "location", Section.Kind.LOCATION, "locationmatch", Section.Kind.LOCATION_MATCH,
            "if", Section.Kind.IF, "elseif", Section.Kind.ELSE_IF, "else", Section.Kind.ELSE);

    private static Section.Kind sectionKind(String name) {
        return SECTION_KINDS.get(name.toLowerCase(Locale.ROOT));
    }

    private static Section.Kind regexKind(Section.Kind k) {
        switch (k) {
            case DIRECTORY:
                return Section.Kind.DIRECTORY_MATCH;
            case FILES:
                return Section.Kind.FILES_MATCH;
            case LOCATION:
                return Section.Kind.LOCATION_MATCH;
            default:
                return k;
        }
    }

    private static String enclosingName(Scope scope) {
        return scope == Scope.VIRTUAL_HOST ? "VirtualHost" : "Directory";
    }

    private void applyDirective(ConfigNode n, VirtualServer server, Scope scope, Section section) throws ConfigError {
        DirectiveTable.Entry entry = directives.find(n.name());
        if (entry == null) {
            String message = KnownDirectives.invalidCommand(n.name(), n.name());
            if (scope == Scope.HTACCESS && accessFileRules.nonfatalUnknown()) {
                accessFileWarnings.add(n.file() + ":" + n.line() + ": " + message + " (ignored: AllowOverride Nonfatal)");
                return;
            }
            throw error(n, message);
        }
        Directive d = entry.directive();
        if (scope == Scope.HTACCESS && !(d.scopes().contains(Scope.HTACCESS) && accessFileRules.allowsInAccessFile(d.overrideClass(), d.name()))) {
            if (accessFileRules.nonfatalOverride()) {
                accessFileWarnings.add(n.file() + ":" + n.line() + ": " + d.name() + " not allowed here (ignored: AllowOverride Nonfatal)");
                return;
            }
            throw error(n, d.name() + " not allowed here");
        }
        if (!d.scopes().contains(scope)) {
            throw error(n, d.name() + " not allowed " + (scope == Scope.SERVER ? "at server level"
                    : scope == Scope.VIRTUAL_HOST ? "in <VirtualHost> context" : "in <" + sectionWord(section) + "> context")
                    + (d.help().isEmpty() ? "" : " (" + d.help() + ")"));
        }
        List<String> args = d.shape() == ArgShape.RAW ? rawArgs(n) : n.args();
        if (!d.shape().accepts(args.size())) {
            throw error(n, d.name() + " " + d.shape().description() + (d.help().isEmpty() ? "" : ", " + d.help()));
        }
        if (d.shape() == ArgShape.FLAG) {
            String v = args.get(0).toLowerCase(Locale.ROOT);
            if (!v.equals("on") && !v.equals("off")) {
                throw error(n, d.name() + " must be On or Off");
            }
            args = List.of(v);
        }
        Context ctx = new Context(n, server, scope, section);
        if (scope == Scope.HTACCESS && d.name().equals("Options") && accessFileRules.overrideOptions() != null) {
            for (String a : args) {
                String name = a.startsWith("+") || a.startsWith("-") ? a.substring(1) : a;
                try {
                    if (!accessFileRules.overrideOptions().containsAll(CoreModule.parseOption(ctx, name))) {
                        throw error(n, "Option " + name + " not allowed here");
                    }
                } catch (ConfigException e) {
                    throw error(n, e.getMessage());
                }
            }
        }
        try {
            if (d.shape() == ArgShape.ITERATE) {
                for (String a : args) {
                    d.handler().apply(ctx, List.of(a));
                }
            } else if (d.shape() == ArgShape.ITERATE2) {
                for (int i = 1; i < args.size(); i++) {
                    d.handler().apply(ctx, List.of(args.get(0), args.get(i)));
                }
            } else {
                d.handler().apply(ctx, args);
            }
        } catch (ConfigError e) {
            throw e;
        } catch (ConfigException e) {
            throw error(n, e.getMessage());
        } catch (RuntimeException e) {
            throw error(n, d.name() + ": module " + entry.module() + " failed: " + e);
        }
    }

    private static List<String> rawArgs(ConfigNode n) {
        String raw = n.rawArgs() == null ? "" : n.rawArgs().strip();
        return raw.isEmpty() ? List.of() : List.of(raw);
    }

    private static String sectionWord(Section s) {
        if (s == null) {
            return "Directory";
        }
        switch (s.kind()) {
            case DIRECTORY:
                return "Directory";
            case DIRECTORY_MATCH:
                return "DirectoryMatch";
            case FILES:
                return "Files";
            case FILES_MATCH:
                return "FilesMatch";
            case LOCATION:
                return "Location";
            case IF:
                return "If";
            case ELSE_IF:
                return "ElseIf";
            case ELSE:
                return "Else";
            default:
                return "LocationMatch";
        }
    }

    private static ConfigError error(ConfigNode n, String message) {
        return new ConfigError(n.file(), n.line(), message);
    }

    /** What a directive handler sees while this applier applies it. */
    private final class Context implements DirectiveContext, RequireContainers {
        private final ConfigNode node;
        private final VirtualServer server;
        private final Scope scope;
        private final Section section;

        Context(ConfigNode node, VirtualServer server, Scope scope, Section section) {
            this.node = node;
            this.server = server;
            this.scope = scope;
            this.section = section;
        }

        @Override
        public Path file() {
            return node.file();
        }

        @Override
        public List<Authorization.Rule> openRequireContainer() {
            return requireContainers.peek();
        }

        @Override
        public int line() {
            return node.line();
        }

        @Override
        public String directiveName() {
            return node.name();
        }

        @Override
        public Scope scope() {
            return scope;
        }

        @Override
        public String sectionPath() {
            return section == null ? null : section.directivePath();
        }

        @Override
        public <T> T config(ConfigKey<T> key) {
            int slot = slots.slot(key);
            if (slot < 0) {
                throw new IllegalStateException("JH00013: configuration key " + key.name() + " was never registered with ModuleSetup.config");
            }
            if (key.isPerDirectory()) {
                ConfigVector v = section != null ? section.config() : server.ownDirDefaults();
                return v.getOrCreate(slot, key);
            }
            return server.ownServerConfigs().getOrCreate(slot, key);
        }

        @Override
        public Server server() {
            return server;
        }

        @Override
        public Path resolve(String path) {
            Path p = Path.of(path);
            return p.isAbsolute() ? p : serverRoot.resolve(p);
        }
    }
}
