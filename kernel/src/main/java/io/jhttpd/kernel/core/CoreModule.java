package io.jhttpd.kernel.core;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Option;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ThreadedMpmSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The core's directives (Apache's {@code core.c}, {@code http_core.c}, {@code mod_so},
 * {@code mod_authz_core}'s {@code Require all}, {@code mod_mime}'s {@code AddHandler}). The core's
 * request hooks are registered by the engine, which owns the request internals they need.
 */
public final class CoreModule implements HttpdModule {

    /** The core's per-server settings. */
    public static final ConfigKey<CoreServerConfig> SERVER =
            ConfigKey.perServer("core", CoreServerConfig::new, CoreServerConfig::merge);
    /** The core's per-directory settings. */
    public static final ConfigKey<CoreDirConfig> DIR =
            ConfigKey.perDirectory("core", CoreDirConfig::new, CoreDirConfig::merge);

    private static final Set<Scope> MAIN_ONLY = EnumSet.of(Scope.SERVER);

    private final GlobalConfig global;

    public CoreModule(GlobalConfig global) {
        this.global = global;
    }

    @Override
    public String name() {
        return "core";
    }

    @Override
    public Set<String> standsFor() {
        return Set.of("so", "http", "authz_core", "unixd", "reqtimeout");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(SERVER);
        setup.config(DIR);
        FilterConfig.register(setup);
        // read-time directives: the configuration reader already executed them
        for (String readTime : List.of("LoadModule", "Define", "UnDefine", "ServerRoot")) {
            setup.directive(Directive.of(readTime, ArgShape.ANY, Scope.EVERYWHERE, (c, a) -> { }));
        }
        setup.directive(Directive.of("Listen", ArgShape.TAKE12, MAIN_ONLY, this::listen)
                .help("[IP-address:]port [protocol] to listen on"));
        setup.directive(ThreadedMpmSettings.integer("ListenBacklog", 1, Integer.MAX_VALUE, v -> global.listenBacklog = v,
                "the length of the queue of connections waiting to be accepted, per listening socket"));
        setup.directive(Directive.of("PidFile", ArgShape.TAKE1, MAIN_ONLY,
                (c, a) -> global.pidFile = c.resolve(a.get(0))).help("file the master's process id is written to"));
        setup.directive(Directive.of("GracefulShutdownTimeout", ArgShape.TAKE1, MAIN_ONLY, this::gracefulShutdownTimeout)
                .help("seconds a graceful-stop waits for children before stopping them, 0 for no limit"));
        setup.directive(Directive.of("ServerTokens", ArgShape.TAKE1, MAIN_ONLY, this::serverTokens)
                .help("Prod, Major, Minor, Min, OS or Full"));
        setup.directive(Directive.of("ErrorLog", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> global.errorLog = a.get(0)).help("file or |program the error log goes to"));
        setup.directive(Directive.of("ErrorLogFormat", ArgShape.TAKE12, Scope.SERVER_CONFIG, this::errorLogFormat)
                .help("[connection|request] format of the error log's lines"));
        setup.directive(Directive.of("LogLevel", ArgShape.ONE_OR_MORE, Scope.ANY_SECTION, this::logLevel)
                .help("level [module:level]..."));
        setup.directive(Directive.of("ServerName", ArgShape.TAKE1, Scope.SERVER_CONFIG, this::serverName)
                .help("[scheme://]fully-qualified-domain-name[:port]"));
        setup.directive(Directive.of("ServerAlias", ArgShape.ITERATE, EnumSet.of(Scope.VIRTUAL_HOST),
                (c, a) -> c.config(SERVER).serverAliases.add(a.get(0))).help("other names of this virtual host"));
        setup.directive(Directive.of("ServerAdmin", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).serverAdmin = a.get(0)).help("the administrator's e-mail address or URL"));
        setup.directive(Directive.of("DocumentRoot", ArgShape.TAKE1, Scope.SERVER_CONFIG, this::documentRoot)
                .help("root directory of the document tree"));
        setup.directive(Directive.of("Timeout", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).timeoutMillis = seconds(c, a.get(0))).help("seconds to wait for client I/O"));
        setup.directive(Directive.of("KeepAlive", ArgShape.FLAG, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).keepAlive = a.get(0).equals("on")).help("whether connections are kept alive"));
        setup.directive(Directive.of("KeepAliveTimeout", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).keepAliveTimeoutMillis = seconds(c, a.get(0)))
                .help("seconds (or Nms) to wait for the next request"));
        setup.directive(Directive.of("MaxKeepAliveRequests", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).maxKeepAliveRequests = (int) number(c, a.get(0), 0, Integer.MAX_VALUE))
                .help("requests per connection, 0 for unlimited"));
        setup.directive(Directive.of("LimitRequestLine", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).limitRequestLine = (int) number(c, a.get(0), 1, 1 << 20))
                .help("longest request line in bytes"));
        setup.directive(Directive.of("LimitRequestFieldSize", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).limitRequestFieldSize = (int) number(c, a.get(0), 1, 1 << 20))
                .help("longest header field in bytes"));
        setup.directive(Directive.of("LimitRequestFields", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).limitRequestFields = (int) number(c, a.get(0), 0, 32767))
                .help("most header fields in a request"));
        setup.directive(Directive.of("TraceEnable", ArgShape.TAKE1, Scope.SERVER_CONFIG, this::traceEnable)
                .help("on, off or extended"));
        setup.directive(Directive.of("AllowEncodedSlashes", ArgShape.TAKE1, Scope.SERVER_CONFIG, this::encodedSlashes)
                .help("On, Off or NoDecode"));
        setup.directive(Directive.of("RequestReadTimeout", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG, (c, a) -> {
            CoreServerConfig s = c.config(SERVER);
            try {
                s.readTimeouts = ReadTimeouts.parse(s.readTimeouts != null ? s.readTimeouts : ReadTimeouts.APACHE_DEFAULTS, a);
            } catch (IllegalArgumentException e) {
                throw c.error("RequestReadTimeout: " + e.getMessage());
            }
        }).help("[handshake=N] [header=timeout[-maxtimeout][,MinRate=rate]] [body=timeout[-maxtimeout][,MinRate=rate]]"));
        setup.directive(Directive.of("MergeSlashes", ArgShape.FLAG, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).mergeSlashes = a.get(0).equals("on")).help("merge repeated slashes in URLs"));
        setup.directive(Directive.of("HostnameLookups", ArgShape.TAKE1, Scope.ANY_SECTION, this::hostnameLookups)
                .help("Off (On and Double are not supported)"));

        setup.directive(Directive.of("Options", ArgShape.ANY, Scope.EVERYWHERE, this::options)
                .override(OverrideClass.OPTIONS).help("[+|-]Indexes, Includes, FollowSymLinks, ExecCGI, MultiViews, All, None"));
        setup.directive(Directive.of("AllowOverride", ArgShape.ONE_OR_MORE, EnumSet.of(Scope.DIRECTORY), this::allowOverride)
                .help("None, All, AuthConfig, FileInfo, Indexes, Limit, Options[=...], Nonfatal=Override|Unknown|All"));
        setup.directive(Directive.of("AllowOverrideList", ArgShape.ONE_OR_MORE, EnumSet.of(Scope.DIRECTORY), this::allowOverrideList)
                .help("None, or the directives allowed in .htaccess files"));
        setup.directive(Directive.of("AccessFileName", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SERVER).accessFileName = a.get(0)).help("the name of per-directory configuration files"));
        setup.directive(Directive.of("Require", ArgShape.ONE_OR_MORE, EnumSet.of(Scope.DIRECTORY, Scope.HTACCESS), this::require)
                .override(OverrideClass.AUTH_CONFIG)
                .help("[not] all granted|denied, ip ADDRESS..., local, env VAR..., method METHOD..., expr EXPRESSION"));
        setup.directive(Directive.of("ErrorDocument", ArgShape.TAKE2, Scope.EVERYWHERE, this::errorDocument)
                .override(OverrideClass.FILE_INFO).help("status code and a local URL, a full URL or \"text\""));
        setup.directive(Directive.of("SetHandler", ArgShape.TAKE1, Scope.EVERYWHERE, this::setHandler)
                .override(OverrideClass.FILE_INFO).help("handler name, or None"));
        setup.directive(Directive.of("AddHandler", ArgShape.ITERATE2, Scope.EVERYWHERE, this::addHandler)
                .override(OverrideClass.FILE_INFO).help("handler name followed by file extensions"));
        setup.directive(Directive.of("AcceptPathInfo", ArgShape.TAKE1, Scope.EVERYWHERE, this::acceptPathInfo)
                .override(OverrideClass.FILE_INFO).help("On, Off or Default"));
        setup.directive(Directive.of("LimitRequestBody", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(DIR).limitRequestBody = number(c, a.get(0), 0, Long.MAX_VALUE))
                .override(OverrideClass.ANY).help("largest request body in bytes, 0 for unlimited"));
        setup.directive(Directive.of("ServerSignature", ArgShape.TAKE1, Scope.EVERYWHERE, this::serverSignature)
                .override(OverrideClass.ANY).help("On, Off or EMail"));
    }

    private void listen(DirectiveContext c, List<String> a) throws ConfigException {
        String spec = a.get(0);
        String host = null;
        String port = spec;
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close < 0) {
                throw c.error("Listen: expected [ipv6-address]:port, got " + spec);
            }
            host = spec.substring(1, close);
            port = spec.substring(close + 2);
        } else if (spec.contains(":")) {
            int colon = spec.lastIndexOf(':');
            host = spec.substring(0, colon);
            port = spec.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw c.error("Listen: port must be numeric, got " + port);
        }
        if (p < 0 || p > 65535) {
            throw c.error("Listen: port must be between 0 and 65535, got " + p);
        }
        if (host != null && (host.equals("*") || host.isEmpty())) {
            host = null;
        }
        for (GlobalConfig.ListenSpec other : global.listens) {
            if (p != 0 && other.port() == p && java.util.Objects.equals(other.host(), host)) {
                throw c.error("Listen: cannot define multiple Listeners on the same IP:port (" + spec + ")");
            }
        }
        global.listens.add(new GlobalConfig.ListenSpec(host, p, c.file() + ":" + c.line()));
    }

    /** The plain form sets the line shape; the once-per-connection and once-per-request lines are not supported. */
    private void errorLogFormat(DirectiveContext c, List<String> a) throws ConfigException {
        if (a.size() == 2) {
            throw c.error("ErrorLogFormat " + a.get(0) + ": only the plain form (one format for every line) is supported");
        }
        global.errorLogFormat = a.get(0);
    }

    private void gracefulShutdownTimeout(DirectiveContext c, List<String> a) throws ConfigException {
        try {
            global.gracefulShutdownSeconds = Integer.parseInt(a.get(0));
        } catch (NumberFormatException e) {
            global.gracefulShutdownSeconds = -1;
        }
        if (global.gracefulShutdownSeconds < 0) {
            throw c.error("GracefulShutdownTimeout must be a number of seconds, 0 or more, not '" + a.get(0) + "'");
        }
    }

    private void serverTokens(DirectiveContext c, List<String> a) throws ConfigException {
        String v = a.get(0).toLowerCase(Locale.ROOT);
        switch (v) {
            case "prod":
            case "productonly":
                global.serverTokens = "prod";
                break;
            case "major":
            case "minor":
            case "min":
            case "minimal":
            case "os":
            case "full":
                global.serverTokens = v.equals("minimal") ? "min" : v;
                break;
            default:
                throw c.error("ServerTokens takes Prod, Major, Minor, Min, OS or Full, not " + a.get(0));
        }
    }

    private static final Set<String> LEVELS = Set.of("emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
            "trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8");

    private void logLevel(DirectiveContext c, List<String> a) throws ConfigException {
        for (String arg : a) {
            String v = arg.toLowerCase(Locale.ROOT);
            int colon = v.indexOf(':');
            String level = colon < 0 ? v : v.substring(colon + 1);
            if (!LEVELS.contains(level)) {
                throw c.error("LogLevel: unknown level '" + level + "' (expected emerg, alert, crit, error, warn, notice, info, debug or trace1..trace8)");
            }
            if (c.scope() == Scope.SERVER) {
                if (colon < 0) {
                    global.logLevel = level;
                } else {
                    global.moduleLogLevels.put(v.substring(0, colon), level);
                }
            }
        }
    }

    private void serverName(DirectiveContext c, List<String> a) throws ConfigException {
        String v = a.get(0);
        CoreServerConfig s = c.config(SERVER);
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            s.serverScheme = v.substring(0, scheme).toLowerCase(Locale.ROOT);
            v = v.substring(scheme + 3);
        }
        int colon = v.lastIndexOf(':');
        if (colon >= 0 && !v.endsWith("]")) {
            try {
                s.serverNamePort = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw c.error("ServerName: the port must be numeric in " + a.get(0));
            }
            v = v.substring(0, colon);
        }
        if (v.isEmpty()) {
            throw c.error("ServerName: a host name is required");
        }
        s.serverName = v;
    }

    private void documentRoot(DirectiveContext c, List<String> a) throws ConfigException {
        java.nio.file.Path p = c.resolve(a.get(0)).normalize();
        if (!java.nio.file.Files.isDirectory(p)) {
            throw c.error("DocumentRoot '" + p + "' is not a directory, or is not readable");
        }
        c.config(SERVER).documentRoot = p;
    }

    private void traceEnable(DirectiveContext c, List<String> a) throws ConfigException {
        String v = a.get(0).toLowerCase(Locale.ROOT);
        if (!v.equals("on") && !v.equals("off") && !v.equals("extended")) {
            throw c.error("TraceEnable must be on, off or extended");
        }
        c.config(SERVER).traceEnable = !v.equals("off");
    }

    private void encodedSlashes(DirectiveContext c, List<String> a) throws ConfigException {
        String v = a.get(0).toLowerCase(Locale.ROOT);
        if (!v.equals("on") && !v.equals("off") && !v.equals("nodecode")) {
            throw c.error("AllowEncodedSlashes must be On, Off, or NoDecode");
        }
        c.config(SERVER).allowEncodedSlashes = v;
    }

    private void hostnameLookups(DirectiveContext c, List<String> a) throws ConfigException {
        if (!a.get(0).equalsIgnoreCase("off")) {
            throw c.error("HostnameLookups: only Off is supported");
        }
    }

    private void options(DirectiveContext c, List<String> a) throws ConfigException {
        CoreDirConfig d = c.config(DIR);
        boolean sawRelative = false;
        boolean sawAbsolute = false;
        EnumSet<Option> absolute = EnumSet.noneOf(Option.class);
        for (String raw : a) {
            char sign = raw.isEmpty() ? ' ' : raw.charAt(0);
            String name = sign == '+' || sign == '-' ? raw.substring(1) : raw;
            if (sign == '+' || sign == '-') {
                sawRelative = true;
            } else {
                sawAbsolute = true;
            }
            if (sawRelative && sawAbsolute) {
                throw c.error("Either all Options must start with + or -, or no Option may.");
            }
            Set<Option> opts = parseOption(c, name);
            if (sign == '+') {
                if (d.options != null) {
                    d.options.addAll(opts);
                } else {
                    d.optionsAdd.addAll(opts);
                    d.optionsRemove.removeAll(opts);
                }
            } else if (sign == '-') {
                if (d.options != null) {
                    d.options.removeAll(opts);
                } else {
                    d.optionsRemove.addAll(opts);
                    d.optionsAdd.removeAll(opts);
                }
            } else {
                absolute.addAll(opts);
            }
        }
        if (sawAbsolute || a.isEmpty()) {
            d.options = absolute;
            d.optionsAdd.clear();
            d.optionsRemove.clear();
        }
    }

    static Set<Option> parseOption(DirectiveContext c, String name) throws ConfigException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "indexes":
                return EnumSet.of(Option.INDEXES);
            case "includes":
                return EnumSet.of(Option.INCLUDES);
            case "includesnoexec":
                return EnumSet.of(Option.INCLUDES_NOEXEC);
            case "followsymlinks":
                return EnumSet.of(Option.FOLLOW_SYMLINKS);
            case "symlinksifownermatch":
                return EnumSet.of(Option.SYMLINKS_IF_OWNER_MATCH);
            case "execcgi":
                return EnumSet.of(Option.EXEC_CGI);
            case "multiviews":
                return EnumSet.of(Option.MULTIVIEWS);
            case "all":
                return EnumSet.complementOf(EnumSet.of(Option.MULTIVIEWS, Option.INCLUDES_NOEXEC));
            case "none":
                return EnumSet.noneOf(Option.class);
            default:
                throw c.error("Illegal option " + name);
        }
    }

    private void allowOverride(DirectiveContext c, List<String> a) throws ConfigException {
        if (c.sectionPath() == null || c.scope() != Scope.DIRECTORY) {
            throw c.error("AllowOverride not allowed here");
        }
        CoreDirConfig d = c.config(DIR);
        EnumSet<OverrideClass> classes = EnumSet.noneOf(OverrideClass.class);
        EnumSet<Option> allowedOptions = null;
        boolean nonfatalOverride = false;
        boolean nonfatalUnknown = false;
        for (String v : a) {
            String l = v.toLowerCase(Locale.ROOT);
            if (l.equals("none")) {
                continue;
            }
            if (l.equals("all")) {
                classes.addAll(EnumSet.complementOf(EnumSet.of(OverrideClass.ANY)));
            } else if (l.equals("authconfig")) {
                classes.add(OverrideClass.AUTH_CONFIG);
            } else if (l.equals("fileinfo")) {
                classes.add(OverrideClass.FILE_INFO);
            } else if (l.equals("indexes")) {
                classes.add(OverrideClass.INDEXES);
            } else if (l.equals("limit")) {
                classes.add(OverrideClass.LIMIT);
            } else if (l.equals("options")) {
                classes.add(OverrideClass.OPTIONS);
            } else if (l.startsWith("options=")) {
                classes.add(OverrideClass.OPTIONS);
                allowedOptions = EnumSet.noneOf(Option.class);
                for (String o : l.substring(8).split(",")) {
                    allowedOptions.addAll(parseOption(c, o));
                }
            } else if (l.startsWith("nonfatal=")) {
                String w = l.substring(9);
                if (!w.equals("override") && !w.equals("unknown") && !w.equals("all")) {
                    throw c.error("AllowOverride: Nonfatal takes Override, Unknown or All, not '" + v.substring(9) + "'");
                }
                nonfatalOverride |= !w.equals("unknown");
                nonfatalUnknown |= !w.equals("override");
            } else {
                throw c.error("Illegal override option " + v);
            }
        }
        d.overrides = classes;
        d.overrideOptions = allowedOptions;
        d.nonfatalOverride = nonfatalOverride;
        d.nonfatalUnknown = nonfatalUnknown;
    }

    private void allowOverrideList(DirectiveContext c, List<String> a) throws ConfigException {
        if (c.sectionPath() == null || c.scope() != Scope.DIRECTORY) {
            throw c.error("AllowOverrideList not allowed here");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String v : a) {
            if (!v.equalsIgnoreCase("none")) {
                names.add(v.toLowerCase(Locale.ROOT));
            }
        }
        c.config(DIR).overrideList = names;
    }

    private void require(DirectiveContext c, List<String> a) throws ConfigException {
        Authorization.Rule rule = Authorization.require(a, c.scope());
        List<Authorization.Rule> container = c instanceof ConfigApplier.RequireContainers
                ? ((ConfigApplier.RequireContainers) c).openRequireContainer() : null;
        if (container != null) {
            container.add(rule);
            return;
        }
        addRequire(c.config(DIR), rule);
    }

    /** Adds a rule to a section's own lines, which are a {@code <RequireAny>}: a negative one could never matter there. */
    static void addRequire(CoreDirConfig d, Authorization.Rule rule) throws ConfigException {
        if (rule.negative()) {
            throw new ConfigException("negative Require directive has no effect in <RequireAny> directive");
        }
        if (d.requires == null) {
            d.requires = new java.util.ArrayList<>();
        }
        d.requires.add(rule);
    }

    private void errorDocument(DirectiveContext c, List<String> a) throws ConfigException {
        int status;
        try {
            status = Integer.parseInt(a.get(0));
        } catch (NumberFormatException e) {
            throw c.error("ErrorDocument: the first argument must be a status code, not " + a.get(0));
        }
        if (status < 400 || status > 599) {
            throw c.error("ErrorDocument: unsupported HTTP response code " + status);
        }
        String target = a.get(1);
        // Apache's heuristic: text if it holds a space, else a local path or a URL, else text again
        boolean url = target.indexOf(' ') < 0 && (target.startsWith("/") || isUrl(target));
        if (status == 401 && url && !target.startsWith("/")) {
            // as Apache (AH00113): a warning, and the line is ignored
            org.slf4j.LoggerFactory.getLogger(CoreModule.class).warn(
                    "JH00070: {}:{} cannot use a full URL in a 401 ErrorDocument directive --- ignoring!", c.file(), c.line());
            return;
        }
        if (target.equalsIgnoreCase("default")) {
            // kept as a marker, so that it overrides an outer ErrorDocument when sections merge
            c.config(DIR).errorDocuments.put(status, CoreDirConfig.ErrorDocument.DEFAULT);
            return;
        }
        c.config(DIR).errorDocuments.put(status, new CoreDirConfig.ErrorDocument(target, !url));
    }

    /** Apache's {@code ap_is_url}: a scheme of letters, digits, {@code + - .} and then a colon. */
    private static boolean isUrl(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char ch = s.charAt(i);
            if (!(ch < 128 && Character.isLetterOrDigit(ch)) && ch != '+' && ch != '-' && ch != '.') {
                return false;
            }
        }
        return true;
    }

    private void setHandler(DirectiveContext c, List<String> a) {
        CoreDirConfig d = c.config(DIR);
        d.setHandlerSet = true;
        d.setHandler = a.get(0).equalsIgnoreCase("none") ? null : a.get(0);
    }

    private void addHandler(DirectiveContext c, List<String> a) {
        String ext = a.get(1);
        if (ext.startsWith(".")) {
            ext = ext.substring(1);
        }
        c.config(DIR).addHandlers.put(ext.toLowerCase(Locale.ROOT), a.get(0));
    }

    private void acceptPathInfo(DirectiveContext c, List<String> a) throws ConfigException {
        switch (a.get(0).toLowerCase(Locale.ROOT)) {
            case "on":
                c.config(DIR).acceptPathInfo = AcceptPathInfo.ON;
                break;
            case "off":
                c.config(DIR).acceptPathInfo = AcceptPathInfo.OFF;
                break;
            case "default":
                c.config(DIR).acceptPathInfo = AcceptPathInfo.DEFAULT;
                break;
            default:
                throw c.error("AcceptPathInfo must be set to on, off or default");
        }
    }

    private void serverSignature(DirectiveContext c, List<String> a) throws ConfigException {
        String v = a.get(0).toLowerCase(Locale.ROOT);
        if (!v.equals("on") && !v.equals("off") && !v.equals("email")) {
            throw c.error("ServerSignature takes On, Off or EMail");
        }
        c.config(DIR).serverSignature = v;
    }

    /** Seconds with an optional {@code ms} suffix, as Apache's {@code ap_timeout_parameter_parse}. */
    static long seconds(DirectiveContext c, String v) throws ConfigException {
        return c.timeoutMillis(v);
    }

    static long number(DirectiveContext c, String v, long min, long max) throws ConfigException {
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw c.error(c.directiveName() + ": " + n + " is out of range (" + min + " to " + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw c.error(c.directiveName() + ": expected a number, got '" + v + "'");
        }
    }
}
