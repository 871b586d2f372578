package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ServerContext;
import java.nio.file.Path;

/**
 * The {@code TypesConfig} setting: which {@code mime.types} file to read at start-up. As in Apache,
 * the table is global, so only the main server's setting counts; a virtual host may name the
 * directive but its value is not used.
 */
final class TypesConfig {

    /** The default, relative to {@code ServerRoot}, as Apache's {@code AP_TYPES_CONFIG_FILE}. */
    static final String DEFAULT_FILE = "conf/mime.types";

    static final ConfigKey<TypesConfig> KEY = ConfigKey.perServer("mime-types-file", TypesConfig::new, TypesConfig::merge);

    private Path file;

    static Directive directive() {
        return Directive.of("TypesConfig", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (ctx, args) -> ctx.config(KEY).file = ctx.resolve(args.get(0)))
                .help("the MIME types config file");
    }

    /** The file to read for {@code server}: the main server's {@code TypesConfig}, else the default. */
    static Path file(ServerContext server) {
        Server main = server.servers().isEmpty() ? null : server.servers().get(0);
        TypesConfig c = main == null ? null : main.config(KEY);
        if (c != null && c.file != null) {
            return c.file;
        }
        return server.serverRoot().resolve(DEFAULT_FILE);
    }

    private static TypesConfig merge(TypesConfig base, TypesConfig add) {
        return add.file != null ? add : base;
    }
}
