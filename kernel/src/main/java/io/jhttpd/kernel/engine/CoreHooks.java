package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import io.jhttpd.kernel.core.CoreDirConfig;
import io.jhttpd.kernel.core.FilterConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's request hooks: DocumentRoot translation, TRACE, {@code Require all}, {@code AddHandler}, {@code SetHandler}. */
final class CoreHooks {

    private static final Logger LOG = LoggerFactory.getLogger(CoreHooks.class);

    private CoreHooks() {
    }

    /** Maps the URI under {@code DocumentRoot}; the URI is normalised, so no segment climbs out. */
    static HookResult translate(Request r) {
        String uri = r.uri();
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            LOG.info("JH00060: invalid URI in request {}", r.requestLine());
            return HookResult.status(400);
        }
        Path root = r.server().documentRoot();
        r.setFilename(uri.length() == 1 ? root : root.resolve(uri.substring(1)));
        return HookResult.OK;
    }

    /** TRACE as Apache answers it: the request echoed as {@code message/http}, unless {@code TraceEnable off}. */
    static HookResult trace(Request r) throws IOException {
        if (!r.method().equals("TRACE")) {
            return HookResult.DECLINED;
        }
        RequestImpl ri = (RequestImpl) r;
        if (!ri.server.core().traceEnable()) {
            r.headersOut().set("Allow", "GET,POST,OPTIONS,HEAD");
            return HookResult.status(405);
        }
        if (r.hasBody()) {
            return HookResult.status(413);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(r.requestLine()).append("\r\n");
        r.headersIn().forEach((n, v) -> sb.append(n).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        r.setContentType("message/http");
        r.pass(Brigade.of(Bucket.data(sb.toString()), Bucket.EOS));
        return HookResult.DONE;
    }

    static HookResult access(Request r) {
        CoreDirConfig d = ((RequestImpl) r).coreDir;
        if (d != null && d.authorize(r) != io.jhttpd.kernel.core.Authorization.Result.GRANTED) {
            LOG.error("JH00030: client denied by server configuration: {} ({})", r.filename() != null ? r.filename() : r.uri(),
                    r.connection().remoteAddress());
            return HookResult.status(403);
        }
        return HookResult.OK;
    }

    /** {@code AddHandler}: every dot-separated extension after the first part, later ones win (mod_mime). */
    static HookResult addHandler(Request r) {
        CoreDirConfig d = ((RequestImpl) r).coreDir;
        if (d == null || !d.hasAddHandlers()) {
            return HookResult.DECLINED;
        }
        String found = null;
        for (String ext : extensions(r.filename())) {
            String h = d.handlerForExtension(ext);
            if (h != null) {
                found = h;
            }
        }
        if (found != null) {
            r.setHandler(found);
        }
        return HookResult.DECLINED;
    }

    /**
     * The file name's extensions as mod_mime reads them: every dot-separated part after the first
     * ({@code a.html.gz}: {@code html}, {@code gz}), lower case, in order.
     */
    static List<String> extensions(Path file) {
        if (file == null || file.getFileName() == null) {
            return List.of();
        }
        String name = file.getFileName().toString();
        List<String> exts = new ArrayList<>(2);
        int dot = name.indexOf('.');
        while (dot >= 0) {
            int nextDot = name.indexOf('.', dot + 1);
            exts.add(name.substring(dot + 1, nextDot < 0 ? name.length() : nextDot).toLowerCase(Locale.ROOT));
            dot = nextDot;
        }
        return exts;
    }

    /**
     * The filters the configuration names for this request: {@code SetOutputFilter}/{@code SetInputFilter},
     * then those of the file's extensions ({@code AddOutputFilter}/{@code AddInputFilter}), then the
     * {@code AddOutputFilterByType} ones, each at its filter type's place. An unknown name is
     * logged and skipped, as Apache does.
     */
    static HookResult insertFilters(Request r) {
        FilterConfig f = r.config(FilterConfig.KEY);
        if (f == null) {
            return HookResult.OK;
        }
        for (String name : f.setOutputFilters()) {
            addOutput(r, name);
        }
        for (String name : f.setInputFilters()) {
            addInput(r, name);
        }
        if (f.hasExtensionFilters()) {
            for (String ext : extensions(r.filename())) {
                List<String> out = f.outputFiltersFor(ext);
                if (out != null) {
                    out.forEach(name -> addOutput(r, name));
                }
                List<String> in = f.inputFiltersFor(ext);
                if (in != null) {
                    in.forEach(name -> addInput(r, name));
                }
            }
        }
        f.outputFiltersByType().forEach((name, types) -> {
            if (!((RequestImpl) r).addOutputFilterByType(name, types)) {
                unknownFilter(r, name);
            }
        });
        return HookResult.OK;
    }

    private static void addOutput(Request r, String name) {
        if (!r.addOutputFilter(name)) {
            unknownFilter(r, name);
        }
    }

    private static void addInput(Request r, String name) {
        if (!r.addInputFilter(name)) {
            unknownFilter(r, name);
        }
    }

    private static void unknownFilter(Request r, String name) {
        LOG.error("JH00080: an unknown filter was not added: {} (for {})", name, r.uri());
    }

    /**
     * {@code SetHandler}, as Apache's {@code core_override_type}: a name replaces the handler;
     * {@code SetHandler None} only cancels an outer {@code SetHandler} (the merge does that) and
     * leaves a handler that {@code AddHandler} or a module chose alone.
     */
    static HookResult setHandler(Request r) {
        CoreDirConfig d = ((RequestImpl) r).coreDir;
        if (d != null && d.isSetHandlerSet() && d.setHandler() != null) {
            r.setHandler(d.setHandler());
        }
        return HookResult.OK;
    }
}
