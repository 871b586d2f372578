package io.jhttpd.api;

/**
 * A function a module registers for one {@link Phase} of request processing.
 *
 * <pre>{@code
 * setup.hook(Phase.HANDLER, r -> {
 *     if (!"hello-handler".equals(r.handler())) return HookResult.declined();
 *     r.setContentType("text/plain");
 *     r.write("hello\n");
 *     return HookResult.ok();
 * }, HookOrder.MIDDLE);
 * }</pre>
 *
 * <p>Hooks run on the worker thread serving the request and may block. They report their outcome
 * through {@link HookResult}; an {@link java.io.IOException} means the client connection failed
 * (the kernel logs it and closes the connection); any other exception is a bug, answered with 500
 * and logged with the module's name.
 */
@FunctionalInterface
public interface RequestHook {
    /** Runs this hook for {@code request}. */
    HookResult run(Request request) throws java.io.IOException;
}
