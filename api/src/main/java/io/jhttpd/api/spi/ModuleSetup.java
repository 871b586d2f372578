package io.jhttpd.api.spi;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Phase;
import io.jhttpd.api.RequestHook;

/**
 * What a module registers at start-up, handed to {@link HttpdModule#register}. Implemented by the
 * kernel. Everything registered here belongs to the module, which is named in error messages and
 * in the logged hook order.
 */
public interface ModuleSetup {

    /** Declares a directive. Two modules declaring the same name is a start-up error. */
    void directive(Directive directive);

    /** Declares a configuration key, so the kernel creates and merges its objects. */
    void config(ConfigKey<?> key);

    /** Registers {@code hook} for {@code phase} at {@code order}. */
    void hook(Phase phase, RequestHook hook, HookOrder order);

    /** Registers an output filter under {@code name} (names compare without case, as in Apache). */
    void outputFilter(String name, FilterType type, OutputFilter.Factory factory);

    /** Registers an input filter under {@code name}. */
    void inputFilter(String name, FilterType type, InputFilter.Factory factory);

    /**
     * Runs {@code action} once the configuration is read and checked (Apache's {@code post_config}):
     * open log files, start helpers. A {@link io.jhttpd.api.ConfigException} stops the start.
     */
    void onStart(StartAction action);

    /** Runs {@code action} when the server (or this child) stops, after the last request is logged. */
    void onStop(Runnable action);

    /** Something a module does once the configuration is known. */
    @FunctionalInterface
    interface StartAction {
        /** Does it. */
        void start(ServerContext server) throws io.jhttpd.api.ConfigException;
    }
}
