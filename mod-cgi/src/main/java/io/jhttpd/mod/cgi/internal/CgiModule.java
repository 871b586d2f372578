package io.jhttpd.mod.cgi.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Directive;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.EnumSet;
import java.util.Set;

/**
 * CGI/1.1 scripts, as Apache's mod_cgi: the {@code cgi-script} handler (enabled by
 * {@code ScriptAlias}, or by {@code Options ExecCGI} with {@code AddHandler cgi-script .cgi} or
 * {@code SetHandler cgi-script}), {@code CGIScriptTimeout} and {@code CGIPassAuth}.
 *
 * <pre>
 * &lt;Directory "/srv/www/cgi"&gt;
 *     Options +ExecCGI
 *     AddHandler cgi-script .cgi
 *     CGIScriptTimeout 30
 * &lt;/Directory&gt;
 * </pre>
 *
 * The JVM starts processes with {@code posix_spawn}, which does not copy the server's address
 * space, so a threaded MPM needs no launcher daemon (Apache's mod_cgid); this module answers for
 * {@code <IfModule mod_cgid.c>} too.
 */
public final class CgiModule implements HttpdModule {

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public CgiModule() {
    }

    @Override
    public String name() {
        return "cgi";
    }

    @Override
    public Set<String> standsFor() {
        return Set.of("cgid");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(CgiSettings.KEY);
        setup.directive(Directive.of("CGIScriptTimeout", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(CgiSettings.KEY).scriptTimeoutMillis = c.timeoutMillis(a.get(0)))
                .override(OverrideClass.FILE_INFO)
                .help("the longest wait for a CGI script's output or input, in seconds (or with ms); default Timeout"));
        setup.directive(Directive.of("CGIPassAuth", ArgShape.FLAG, EnumSet.of(Scope.DIRECTORY, Scope.HTACCESS),
                (c, a) -> c.config(CgiSettings.KEY).passAuth = a.get(0).equals("on"))
                .override(OverrideClass.AUTH_CONFIG)
                .help("whether CGI scripts see the Authorization and Proxy-Authorization headers"));
        CgiHandler handler = new CgiHandler(System.getenv());
        setup.hook(Phase.HANDLER, handler::handle, HookOrder.MIDDLE);
    }
}
