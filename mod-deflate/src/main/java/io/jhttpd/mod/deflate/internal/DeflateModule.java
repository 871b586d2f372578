package io.jhttpd.mod.deflate.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.List;
import java.util.Locale;

/**
 * mod_deflate: registers the {@code DEFLATE} output filter and the {@code INFLATE} input filter
 * (both at Apache's {@code AP_FTYPE_CONTENT_SET}) and their directives. Which responses get the
 * filter is the configuration's business: {@code AddOutputFilterByType DEFLATE text/html},
 * {@code SetOutputFilter DEFLATE}, {@code AddOutputFilter DEFLATE .txt}.
 */
public final class DeflateModule implements HttpdModule {

    static final ConfigKey<DeflateSettings> SETTINGS = ConfigKey.perDirectory("deflate", DeflateSettings::new, DeflateSettings::merge);

    @Override
    public String name() {
        return "deflate";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(SETTINGS);
        setup.directive(Directive.of("DeflateCompressionLevel", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SETTINGS).level = number(c, a.get(0), 1, 9)).help("1 (fastest) to 9 (smallest); default 6"));
        setup.directive(Directive.of("DeflateBufferSize", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SETTINGS).bufferSize = number(c, a.get(0), 1, 1 << 24)).help("bytes compressed at a time; default 8096"));
        setup.directive(Directive.of("DeflateAlterETag", ArgShape.TAKE1, Scope.SERVER_CONFIG, DeflateModule::alterETag)
                .help("AddSuffix (default), NoChange or Remove"));
        setup.directive(Directive.of("DeflateInflateLimitRequestBody", ArgShape.TAKE1, Scope.ANY_SECTION,
                (c, a) -> c.config(SETTINGS).inflateLimit = longNumber(c, a.get(0), 0, Long.MAX_VALUE))
                .help("largest inflated request body in bytes; default LimitRequestBody's 1 GiB"));
        setup.directive(Directive.of("DeflateInflateRatioLimit", ArgShape.TAKE1, Scope.ANY_SECTION,
                (c, a) -> c.config(SETTINGS).ratioLimit = number(c, a.get(0), 1, Integer.MAX_VALUE))
                .help("largest inflated/compressed ratio of a request body; default 200"));
        setup.directive(Directive.of("DeflateInflateRatioBurst", ArgShape.TAKE1, Scope.ANY_SECTION,
                (c, a) -> c.config(SETTINGS).ratioBurst = number(c, a.get(0), 1, Integer.MAX_VALUE))
                .help("reads over the ratio tolerated before refusing; default 3"));
        setup.outputFilter("DEFLATE", FilterType.CONTENT_SET, DeflateFilter::forRequest);
        setup.inputFilter("INFLATE", FilterType.CONTENT_SET, InflateFilter::forRequest);
    }

    private static int number(DirectiveContext c, String value, long min, long max) throws ConfigException {
        return (int) Math.min(Integer.MAX_VALUE, longNumber(c, value, min, max));
    }

    private static long longNumber(DirectiveContext c, String value, long min, long max) throws ConfigException {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw c.error(c.directiveName() + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static void alterETag(DirectiveContext c, List<String> a) throws ConfigException {
        switch (a.get(0).toLowerCase(Locale.ROOT)) {
            case "addsuffix":
                c.config(SETTINGS).alterETag = DeflateSettings.ETagChange.ADD_SUFFIX;
                break;
            case "nochange":
                c.config(SETTINGS).alterETag = DeflateSettings.ETagChange.NO_CHANGE;
                break;
            case "remove":
                c.config(SETTINGS).alterETag = DeflateSettings.ETagChange.REMOVE;
                break;
            default:
                throw c.error("DeflateAlterETag takes AddSuffix, NoChange or Remove, not '" + a.get(0) + "'");
        }
    }
}
