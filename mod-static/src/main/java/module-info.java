/**
 * Static files: the default handler for files under {@code DocumentRoot} (conditional and range
 * requests, {@code FileETag}, {@code EnableSendfile}, the {@code OpenFileCache}), with mod_mime's
 * types, charsets and encodings, mod_dir's {@code DirectoryIndex} and {@code DirectorySlash}, and
 * mod_autoindex's listings.
 */
module io.jhttpd.mod.staticfiles {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.staticfiles.internal.StaticModule;
}
