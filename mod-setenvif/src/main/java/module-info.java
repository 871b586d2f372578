/** Environment variables from request attributes: {@code SetEnvIf}, {@code BrowserMatch} and their {@code NoCase} forms, as Apache's mod_setenvif. */
module io.jhttpd.mod.setenvif {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.setenvif.internal.SetEnvIfModule;
}
