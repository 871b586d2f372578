package io.jhttpd.api;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * A module's typed configuration object, per server or per directory, with Apache's create and
 * merge functions. A module keeps its keys in static fields, registers them in
 * {@code HttpdModule#register}, fills them from directive handlers with
 * {@link DirectiveContext#config} and reads them at request time with {@link Request#config}.
 *
 * <pre>{@code
 * static final ConfigKey<HelloConfig> HELLO = ConfigKey.perDirectory("hello",
 *         HelloConfig::new, HelloConfig::merge);
 * }</pre>
 *
 * <p>{@code merge(base, add)} must return a new object (or one of its arguments unchanged) and
 * never modify either argument: merged objects are cached and shared between requests and threads,
 * so after start-up they must be treated as immutable.
 *
 * @param <T> the configuration class
 */
public final class ConfigKey<T> {

    private final String name;
    private final boolean perDirectory;
    private final Supplier<T> create;
    private final BinaryOperator<T> merge;

    private ConfigKey(String name, boolean perDirectory, Supplier<T> create, BinaryOperator<T> merge) {
        this.name = Objects.requireNonNull(name);
        this.perDirectory = perDirectory;
        this.create = Objects.requireNonNull(create);
        this.merge = Objects.requireNonNull(merge);
    }

    /** A per-server configuration (main server, merged into each {@code <VirtualHost>}). */
    public static <T> ConfigKey<T> perServer(String name, Supplier<T> create, BinaryOperator<T> merge) {
        return new ConfigKey<>(name, false, create, merge);
    }

    /** A per-directory configuration ({@code <Directory>}, {@code <Location>}, {@code <Files>}, {@code .htaccess}). */
    public static <T> ConfigKey<T> perDirectory(String name, Supplier<T> create, BinaryOperator<T> merge) {
        return new ConfigKey<>(name, true, create, merge);
    }

    /** A name for diagnostics. */
    public String name() {
        return name;
    }

    /** True for a per-directory key. */
    public boolean isPerDirectory() {
        return perDirectory;
    }

    /** A fresh object holding the defaults. */
    public T create() {
        return create.get();
    }

    /** The merge of {@code base} (outer) with {@code add} (inner, wins where it sets something). */
    public T merge(T base, T add) {
        return merge.apply(base, add);
    }

    @Override
    public String toString() {
        return "ConfigKey[" + name + (perDirectory ? ", per-directory]" : ", per-server]");
    }
}
