/**
 * Static files: the default handler for files under {@code DocumentRoot}, with mod_mime's types
 * and mod_dir's {@code DirectoryIndex} and {@code DirectorySlash}.
 */
module io.jhttpd.mod.staticfiles {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.staticfiles.internal.StaticModule;
}
