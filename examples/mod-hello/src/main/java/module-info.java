/**
 * mod_hello: an example of a third-party jhttpd module. It declares a per-directory directive,
 * a handler and an output filter, against the api alone.
 */
module com.example.hello {
    requires io.jhttpd.api;

    provides io.jhttpd.api.spi.HttpdModule with com.example.hello.internal.HelloModule;
}
