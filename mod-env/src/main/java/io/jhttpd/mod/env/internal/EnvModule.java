package io.jhttpd.mod.env.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's mod_env: {@code SetEnv name [value]}, {@code PassEnv name...} (copied from the server's
 * own environment when the configuration is read) and {@code UnsetEnv name...}, per directory and
 * in {@code .htaccess} under {@code AllowOverride FileInfo}. At fixups the merged variables go into
 * {@link Request#subprocessEnv()}, where CGI scripts and {@code env=} conditions see them.
 */
public final class EnvModule implements HttpdModule {

    private static final Logger LOG = LoggerFactory.getLogger(EnvModule.class);

    private final Function<String, String> serverEnvironment;

    /** Called by {@code ServiceLoader}; {@code PassEnv} reads this process's environment. */
    public EnvModule() {
        this(System::getenv);
    }

    /** A module whose {@code PassEnv} reads {@code serverEnvironment} (for tests). */
    EnvModule(Function<String, String> serverEnvironment) {
        this.serverEnvironment = serverEnvironment;
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(EnvSettings.KEY);
        setup.directive(Directive.of("SetEnv", ArgShape.TAKE12, Scope.EVERYWHERE, (c, a) -> {
            c.config(EnvSettings.KEY).set(checkedName(c, a.get(0)), a.size() > 1 ? a.get(1) : "");
        }).override(OverrideClass.FILE_INFO).help("an environment variable name and optional value to pass to CGI"));
        setup.directive(Directive.of("PassEnv", ArgShape.ITERATE, Scope.EVERYWHERE, (c, a) -> {
            String name = checkedName(c, a.get(0));
            String value = serverEnvironment.apply(name);
            if (value == null) {
                LOG.warn("JH11001: PassEnv variable {} was undefined ({}:{})", name, c.file(), c.line());
            } else {
                c.config(EnvSettings.KEY).set(name, value);
            }
        }).override(OverrideClass.FILE_INFO).help("a list of environment variables to pass to CGI"));
        setup.directive(Directive.of("UnsetEnv", ArgShape.ITERATE, Scope.EVERYWHERE,
                (c, a) -> c.config(EnvSettings.KEY).unset(checkedName(c, a.get(0))))
                .override(OverrideClass.FILE_INFO).help("a list of variables to remove from the CGI environment"));
        setup.hook(Phase.FIXUPS, EnvModule::fixup, HookOrder.MIDDLE);
    }

    private static String checkedName(DirectiveContext c, String name) throws ConfigException {
        if (name.indexOf('=') >= 0) {
            throw c.error("Spurious usage of '=' in an environment variable name. " + c.directiveName()
                    + " " + name + " should be written as " + c.directiveName() + " " + name.replaceFirst("=", " "));
        }
        return name;
    }

    private static HookResult fixup(Request r) {
        Map<String, String> vars = r.config(EnvSettings.KEY).vars();
        if (vars.isEmpty()) {
            return HookResult.declined();
        }
        r.subprocessEnv().putAll(vars);
        return HookResult.ok();
    }
}
