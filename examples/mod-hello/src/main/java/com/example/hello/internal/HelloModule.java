package com.example.hello.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;

/**
 * mod_hello. {@code SetHandler hello} answers {@code GREETING, PATH!} as text; {@code HelloGreeting}
 * sets the greeting per directory (in {@code .htaccess} too, under {@code AllowOverride FileInfo});
 * {@code HelloFooter TEXT} adds the {@code HELLO_FOOTER} output filter, which appends TEXT to every
 * text response of that directory, whoever produced it (the hello handler, static files, a script).
 */
public final class HelloModule implements HttpdModule {

    /** Where {@code HelloGreeting} and {@code HelloFooter} go: one object per directory section, merged down the tree. */
    static final ConfigKey<HelloConfig> CONFIG = ConfigKey.perDirectory("hello", HelloConfig::new, HelloConfig::merge);

    static final String HANDLER = "hello";
    static final String FOOTER_FILTER = "HELLO_FOOTER";

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(CONFIG);
        setup.directive(Directive.of("HelloGreeting", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(CONFIG).greeting = args.get(0))
                .override(OverrideClass.FILE_INFO)
                .help("the greeting the hello handler answers with"));
        setup.directive(Directive.of("HelloFooter", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(CONFIG).footer = args.get(0))
                .override(OverrideClass.FILE_INFO)
                .help("text appended to every text response"));
        setup.hook(Phase.HANDLER, HelloModule::handle, HookOrder.MIDDLE);
        setup.hook(Phase.INSERT_FILTER, r -> {
            if (r.config(CONFIG).footer != null) {
                r.addOutputFilter(FOOTER_FILTER);
            }
            return HookResult.OK;
        }, HookOrder.MIDDLE);
        setup.outputFilter(FOOTER_FILTER, FilterType.RESOURCE, r -> new FooterFilter(r.config(CONFIG).footer));
    }

    private static HookResult handle(Request r) throws IOException {
        if (!HANDLER.equals(r.handler())) {
            return HookResult.DECLINED;
        }
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            r.headersOut().set("Allow", "GET, HEAD, OPTIONS");
            return HookResult.status(405);
        }
        r.setContentType("text/plain; charset=utf-8");
        r.write(r.config(CONFIG).greeting() + ", " + r.uri() + "!\n");
        r.pass(Brigade.of(Bucket.EOS));
        return HookResult.OK;
    }

    /** Per-directory settings; a subdirectory inherits what it does not set. */
    static final class HelloConfig {
        String greeting;
        String footer;

        String greeting() {
            return greeting == null ? "Hello" : greeting;
        }

        static HelloConfig merge(HelloConfig base, HelloConfig add) {
            HelloConfig m = new HelloConfig();
            m.greeting = add.greeting != null ? add.greeting : base.greeting;
            m.footer = add.footer != null ? add.footer : base.footer;
            return m;
        }
    }
}
