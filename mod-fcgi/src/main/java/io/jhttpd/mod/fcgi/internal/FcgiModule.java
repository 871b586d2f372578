package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * FastCGI, as Apache's mod_proxy_fcgi (with the parts of mod_proxy it needs) and mod_fcgid.
 *
 * <pre>
 *   TRANSLATE_NAME (FIRST)   ProxyFcgiHandler.translate     ProxyPassMatch / ProxyPass routes
 *   MAP_TO_STORAGE (FIRST)   ProxyFcgiHandler.mapToStorage  routed requests skip the &lt;Directory&gt; walk
 *   HANDLER        (MIDDLE)  ProxyFcgiHandler.handle        routes and "proxy:fcgi://..." / "proxy:unix:...|fcgi://..." handlers
 *   HANDLER        (MIDDLE)  FcgidHandler.handle            "fcgid-script" through FcgidWrapper processes
 * </pre>
 */
public final class FcgiModule implements HttpdModule {

    private final ProxyFcgiHandler proxy = new ProxyFcgiHandler();
    private final FcgidHandler fcgid = new FcgidHandler();
    private FcgidProcessTable processes;

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public FcgiModule() {
    }

    @Override
    public String name() {
        return "fcgi";
    }

    /** Answers for {@code <IfModule mod_proxy.c>}, {@code mod_proxy_fcgi.c} and {@code mod_fcgid.c}. */
    @Override
    public Set<String> standsFor() {
        return Set.of("proxy", "proxy_fcgi", "fcgid");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(ProxyServerConfig.KEY);
        setup.config(FcgiDirConfig.KEY);
        setup.config(FcgidSettings.KEY);
        proxyDirectives(setup);
        fcgidDirectives(setup);
        setup.hook(Phase.TRANSLATE_NAME, proxy::translate, HookOrder.FIRST);
        setup.hook(Phase.MAP_TO_STORAGE, proxy::mapToStorage, HookOrder.FIRST);
        setup.hook(Phase.HANDLER, proxy::handle, HookOrder.MIDDLE);
        setup.hook(Phase.HANDLER, fcgid::handle, HookOrder.MIDDLE);
        setup.onStart(server -> {
            if (server.isConfigTest()) {
                return;
            }
            try {
                processes = new FcgidProcessTable(server.servers().get(0).config(FcgidSettings.KEY));
            } catch (IOException e) {
                throw new ConfigException("FcgidIPCDir: cannot create the socket directory: " + e.getMessage());
            }
            fcgid.use(processes);
        });
        setup.onStop(() -> {
            proxy.close();
            if (processes != null) {
                processes.stop();
            }
        });
    }

    private static void proxyDirectives(ModuleSetup setup) {
        setup.directive(Directive.of("ProxyPassMatch", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG,
                (c, a) -> route(c, a, true)).help("regex fcgi://host:port/path/$1 [key=value ...]"));
        setup.directive(Directive.of("ProxyPass", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG,
                (c, a) -> route(c, a, false)).help("/prefix/ fcgi://host:port/path/ [key=value ...]"));
        setup.directive(Directive.of("ProxySet", ArgShape.ONE_OR_MORE, Scope.SERVER_CONFIG, FcgiModule::proxySet)
                .help("fcgi://host:port/ key=value ... (enablereuse, max, timeout, connectiontimeout)"));
        setup.directive(Directive.of("ProxyTimeout", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(ProxyServerConfig.KEY).timeoutMillis = positiveSeconds(c, a.get(0)))
                .help("seconds to wait for a backend"));
        setup.directive(Directive.of("ProxyFCGIBackendType", ArgShape.TAKE1, Scope.ANY_SECTION, (c, a) -> {
            try {
                c.config(FcgiDirConfig.KEY).backendType = FcgiDirConfig.BackendType.valueOf(a.get(0).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw c.error("ProxyFCGIBackendType: expected FPM or GENERIC, not '" + a.get(0) + "'");
            }
        }).help("FPM or GENERIC"));
        setup.directive(Directive.of("ProxyFCGISetEnvIf", ArgShape.TAKE23, Scope.ANY_SECTION,
                (c, a) -> c.config(FcgiDirConfig.KEY).setEnvRules.add(SetEnvRule.parse(a.get(0), a.get(1), a.size() > 2 ? a.get(2) : null)))
                .help("condition [!]VAR [value]"));
    }

    private static void route(DirectiveContext c, List<String> a, boolean regex) throws ConfigException {
        if (a.size() < 2) {
            throw c.error(c.directiveName() + " needs a " + (regex ? "regular expression" : "path") + " and a backend URL");
        }
        String url = a.get(1);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex ? a.get(0) : "^" + Pattern.quote(a.get(0)) + "(.*)$");
        } catch (PatternSyntaxException e) {
            throw c.error(c.directiveName() + ": bad regular expression '" + a.get(0) + "': " + e.getDescription());
        }
        ProxyServerConfig cfg = c.config(ProxyServerConfig.KEY);
        if (url.equals("!")) {
            cfg.routes.add(new ProxyRoute(pattern, "!"));
            return;
        }
        BackendAddress address = BackendAddress.parse(url.replaceAll("\\$\\d", ""));
        List<String> params = a.subList(2, a.size());
        checkParams(params);
        cfg.workerParams.computeIfAbsent(address.key(), k -> new ArrayList<>()).addAll(params);
        cfg.routes.add(new ProxyRoute(pattern, regex ? url : url + "$1"));
    }

    private static void proxySet(DirectiveContext c, List<String> a) throws ConfigException {
        if (a.size() < 2 || a.get(0).indexOf("://") < 0) {
            throw c.error("ProxySet outside <Proxy> needs the backend URL first, then key=value parameters");
        }
        BackendAddress address = BackendAddress.parse(a.get(0));
        List<String> params = a.subList(1, a.size());
        checkParams(params);
        c.config(ProxyServerConfig.KEY).workerParams.computeIfAbsent(address.key(), k -> new ArrayList<>()).addAll(params);
    }

    private static void checkParams(List<String> params) throws ConfigException {
        WorkerParams p = WorkerParams.DEFAULTS;
        for (String param : params) {
            p = p.with(param);
        }
    }

    private static void fcgidDirectives(ModuleSetup setup) {
        setup.directive(Directive.of("FcgidWrapper", ArgShape.TAKE123, Scope.EVERYWHERE, FcgiModule::wrapper)
                .override(OverrideClass.FILE_INFO).help("command [.suffix] [virtual]"));
        setup.directive(Directive.of("FcgidPassHeader", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(FcgiDirConfig.KEY).passHeaders.add(a.get(0))).help("request header to pass, e.g. Authorization"));
        setup.directive(Directive.of("FcgidInitialEnv", ArgShape.TAKE12, Scope.SERVER_CONFIG,
                (c, a) -> c.config(FcgidSettings.KEY).initialEnv.put(a.get(0), a.size() > 1 ? a.get(1) : ""))
                .help("name [value] for the environment of FastCGI processes"));
        setup.directive(Directive.of("FcgidIPCDir", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(FcgidSettings.KEY).ipcDir = c.resolve(a.get(0))).help("directory for the processes' sockets"));
        number(setup, "FcgidMaxProcesses", 1, (s, n) -> s.maxProcesses = n.intValue());
        number(setup, "FcgidMaxProcessesPerClass", 1, (s, n) -> s.maxProcessesPerClass = n.intValue());
        number(setup, "FcgidMinProcessesPerClass", 0, (s, n) -> s.minProcessesPerClass = n.intValue());
        number(setup, "FcgidMaxRequestsPerProcess", 0, (s, n) -> s.maxRequestsPerProcess = n.intValue());
        number(setup, "FcgidSpawnScoreUpLimit", 0, (s, n) -> s.spawnScoreUpLimit = n.intValue());
        number(setup, "FcgidIdleTimeout", 0, (s, n) -> s.idleTimeoutMillis = n * 1000);
        number(setup, "FcgidProcessLifeTime", 0, (s, n) -> s.processLifeTimeMillis = n * 1000);
        number(setup, "FcgidConnectTimeout", 1, (s, n) -> s.connectTimeoutMillis = n * 1000);
        number(setup, "FcgidIOTimeout", 1, (s, n) -> s.ioTimeoutMillis = n * 1000);
    }

    private static void number(ModuleSetup setup, String name, long min, BiConsumer<FcgidSettings, Long> apply) {
        setup.directive(Directive.of(name, ArgShape.TAKE1, Scope.SERVER_CONFIG, (c, a) -> {
            long n;
            try {
                n = Long.parseLong(a.get(0).trim());
            } catch (NumberFormatException e) {
                throw c.error(name + " must be a whole number, not '" + a.get(0) + "'");
            }
            if (n < min || n > Integer.MAX_VALUE) {
                throw c.error(name + " must be at least " + min + ", not " + n);
            }
            apply.accept(c.config(FcgidSettings.KEY), n);
        }).help("a whole number (mod_fcgid)"));
    }

    private static void wrapper(DirectiveContext c, List<String> a) throws ConfigException {
        List<String> command = splitCommand(a.get(0));
        if (command.isEmpty()) {
            throw c.error("FcgidWrapper: empty command");
        }
        String suffix = "";
        boolean virtual = false;
        for (String arg : a.subList(1, a.size())) {
            if (arg.equalsIgnoreCase("virtual")) {
                virtual = true;
            } else if (arg.startsWith(".") && arg.length() > 1 && arg.indexOf('/') < 0) {
                suffix = arg.substring(1).toLowerCase(Locale.ROOT);
            } else {
                throw c.error("FcgidWrapper: expected a suffix such as .php or 'virtual', not '" + arg + "'");
            }
        }
        c.config(FcgiDirConfig.KEY).wrappers.put(suffix, new FcgiDirConfig.Wrapper(command, virtual));
    }

    /** The wrapper's command line split at spaces (mod_fcgid passes it to the shell's word splitting). */
    private static List<String> splitCommand(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static long positiveSeconds(DirectiveContext c, String value) throws ConfigException {
        long ms = WorkerParams.seconds(c.directiveName(), value);
        if (ms <= 0) {
            throw c.error(c.directiveName() + " must be more than 0 seconds");
        }
        return ms;
    }
}
