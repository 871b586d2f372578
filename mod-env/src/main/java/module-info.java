/** Environment for scripts: {@code SetEnv}, {@code PassEnv}, {@code UnsetEnv}, as Apache's mod_env. */
module io.jhttpd.mod.env {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.env.internal.EnvModule;
}
