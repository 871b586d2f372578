package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.Directive;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.Phase;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.Set;

/**
 * Static files, as Apache's core default handler with mod_mime and mod_dir: content types from
 * file name extensions ({@code TypesConfig}, {@code AddType}), the trailing-slash redirect and
 * {@code DirectoryIndex} for directories, and the handler that sends files zero-copy with
 * {@code ETag}, {@code Last-Modified} and conditional requests.
 *
 * <pre>
 *   TYPE_CHECKER (MIDDLE)    TypeChecker      file name extensions → Content-Type, charset, Content-Encoding; ForceType
 *   FIXUPS       (LAST)      DirectoryFixup   /dir → 301 /dir/ ; /dir/ → internal redirect to its index
 *   HANDLER      (REALLY_LAST) DefaultHandler  GET/HEAD/POST/OPTIONS on files (ranges, conditions, OpenFileCache),
 *                                           listings under Options Indexes, 403/404/405 otherwise
 * </pre>
 */
public final class StaticModule implements HttpdModule {

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public StaticModule() {
    }

    @Override
    public String name() {
        return "static";
    }

    /** Answers for {@code <IfModule mod_mime.c>} and {@code <IfModule dir_module>}. */
    @Override
    public Set<String> standsFor() {
        return Set.of("mime", "dir");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(MimeConfig.KEY);
        setup.config(TypesConfig.KEY);
        setup.config(DirConfig.KEY);
        setup.config(FileConfig.KEY);
        setup.config(OpenFileCacheConfig.KEY);
        setup.config(DirectoryListing.KEY);
        for (Directive d : MimeConfig.directives()) {
            setup.directive(d);
        }
        setup.directive(TypesConfig.directive());
        for (Directive d : DirConfig.directives()) {
            setup.directive(d);
        }
        for (Directive d : FileConfig.directives()) {
            setup.directive(d);
        }
        setup.directive(OpenFileCacheConfig.directive());
        setup.directive(DirectoryListing.directive());

        TypeChecker typeChecker = new TypeChecker();
        setup.hook(Phase.TYPE_CHECKER, typeChecker, HookOrder.MIDDLE);
        setup.hook(Phase.FIXUPS, new DirectoryFixup(), HookOrder.LAST);
        DefaultHandler handler = new DefaultHandler();
        setup.hook(Phase.HANDLER, handler, HookOrder.REALLY_LAST);
        OpenFileCache[] openFiles = new OpenFileCache[1];
        // Loaded also under "httpd -t": a missing types file is a configuration error worth reporting there.
        setup.onStart(server -> {
            typeChecker.useTypes(MimeTypes.load(TypesConfig.file(server)));
            OpenFileCache.Settings settings = OpenFileCacheConfig.settings(server);
            openFiles[0] = new OpenFileCache(settings);
            server.cacheFileAttributes(settings.validNanos(), settings.maxEntries() * 4);
            handler.useCache(openFiles[0]);
        });
        setup.onStop(() -> {
            if (openFiles[0] != null) {
                openFiles[0].clear();
            }
        });
    }
}
