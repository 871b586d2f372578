package io.jhttpd.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A configuration directive a module declares (one row of Apache's command table): its name,
 * the {@link ArgShape arguments} it takes, the {@link Scope scopes} it may appear in, the
 * {@link OverrideClass} class that lets it into {@code .htaccess}, and the handler that applies it.
 *
 * <pre>{@code
 * Directive.of("HelloGreeting", ArgShape.TAKE1, Scope.EVERYWHERE,
 *         (ctx, args) -> ctx.config(HELLO).greeting = args.get(0))
 *     .override(OverrideClass.FILE_INFO)
 *     .help("the greeting the hello handler prints");
 * }</pre>
 *
 * <p>Names compare without regard to case, as in Apache.
 */
public final class Directive {

    /** Applies one occurrence of a directive. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Applies the directive with its arguments (already unquoted and with {@code ${VAR}}
         * expanded). Throw {@link ConfigException} to reject it; the kernel adds file and line.
         */
        void apply(DirectiveContext context, List<String> args) throws ConfigException;
    }

    private final String name;
    private final ArgShape shape;
    private final Set<Scope> scopes;
    private final OverrideClass override;
    private final Handler handler;
    private final String help;

    private Directive(String name, ArgShape shape, Set<Scope> scopes, OverrideClass override, Handler handler, String help) {
        this.name = Objects.requireNonNull(name);
        this.shape = Objects.requireNonNull(shape);
        this.scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        this.override = override;
        this.handler = Objects.requireNonNull(handler);
        this.help = help;
    }

    /** A directive named {@code name}, allowed in {@code scopes}. */
    public static Directive of(String name, ArgShape shape, Set<Scope> scopes, Handler handler) {
        return new Directive(name, shape, scopes, null, handler, "");
    }

    /** This directive, allowed in {@code .htaccess} under {@code AllowOverride} class {@code override}. */
    public Directive override(OverrideClass override) {
        return new Directive(name, shape, scopes, override, handler, help);
    }

    /** This directive with a one-line description (shown in errors and {@code httpd -L}). */
    public Directive help(String help) {
        return new Directive(name, shape, scopes, override, handler, help);
    }

    /** The directive's name as documented. */
    public String name() {
        return name;
    }

    /** The arguments it takes. */
    public ArgShape shape() {
        return shape;
    }

    /** Where it may appear. */
    public Set<Scope> scopes() {
        return scopes;
    }

    /** The {@code AllowOverride} class for {@code .htaccess}, or {@code null} if not allowed there. */
    public OverrideClass overrideClass() {
        return override;
    }

    /** What applies it. */
    public Handler handler() {
        return handler;
    }

    /** A one-line description. */
    public String help() {
        return help;
    }

    @Override
    public String toString() {
        return name + " (" + shape.description() + ")";
    }
}
