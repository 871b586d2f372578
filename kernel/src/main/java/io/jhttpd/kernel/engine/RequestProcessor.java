package io.jhttpd.kernel.engine;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.ConnectionProcessor;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import io.jhttpd.kernel.core.AccessFiles;
import io.jhttpd.kernel.core.ConfigVector;
import io.jhttpd.kernel.core.Section;
import io.jhttpd.kernel.core.CoreDirConfig;
import io.jhttpd.kernel.core.CoreServerConfig;
import io.jhttpd.kernel.core.HostAddress;
import io.jhttpd.kernel.core.ServerModel;
import io.jhttpd.kernel.core.VirtualServer;
import io.jhttpd.kernel.http.BadRequestException;
import io.jhttpd.kernel.http.BodyFraming;
import io.jhttpd.kernel.http.RequestHead;
import io.jhttpd.kernel.module.FilterRegistry;
import io.jhttpd.kernel.module.HookRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs requests through the hook phases (DESIGN.md §2), answers errors as Apache does (canned
 * pages, {@code ErrorDocument}), performs internal redirects and sub-request lookups, and runs
 * {@code log_transaction} for every request. Also the {@link ConnectionProcessor} MPMs drive.
 */
public final class RequestProcessor implements ConnectionProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    private static final int MAX_REDIRECTS = 10;
    private static final String CORE_FILTER_CONTENT_LENGTH = "CONTENT_LENGTH";

    private final ServerModel model;
    private final HookRegistry hooks;
    private final FilterRegistry filters;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<InetSocketAddress, List<VirtualServer>> candidatesByAddress = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** File attributes the storage walk may reuse. */
    io.jhttpd.kernel.core.FileAttributeCache fileAttributes() {
        return model.fileAttributes();
    }

    public RequestProcessor(ServerModel model) {
        this.model = model;
        this.hooks = model.hooks();
        this.filters = model.filters();
    }

    /** Registers the core's own request hooks (Apache's core translate, storage walk, access, handler settings). */
    public static void registerCoreHooks(ModuleSetup setup) {
        setup.hook(Phase.TRANSLATE_NAME, CoreHooks::translate, HookOrder.REALLY_LAST);
        setup.hook(Phase.MAP_TO_STORAGE, CoreHooks::trace, HookOrder.REALLY_FIRST);
        setup.hook(Phase.MAP_TO_STORAGE, r -> StorageWalk.walk((RequestImpl) r), HookOrder.REALLY_LAST);
        setup.hook(Phase.ACCESS_CHECKER, CoreHooks::access, HookOrder.MIDDLE);
        setup.hook(Phase.TYPE_CHECKER, CoreHooks::addHandler, HookOrder.REALLY_FIRST);
        setup.hook(Phase.FIXUPS, CoreHooks::setHandler, HookOrder.REALLY_FIRST);
        setup.hook(Phase.INSERT_FILTER, CoreHooks::insertFilters, HookOrder.REALLY_FIRST);
    }

    AccessFiles accessFiles() {
        return model.accessFiles();
    }

    // ---- ConnectionProcessor -----------------------------------------------------------------------

    @Override
    public ConnectionHandle open(SocketChannel channel, WorkerSlot slot) {
        try {
            HttpConnection c = new HttpConnection(channel, slot, this);
            open.add(c);
            if (closing) {
                c.closeWhenIdle();
            }
            return c;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void closeIdleAndFinish() {
        closing = true;
        for (HttpConnection c : open) {
            c.closeWhenIdle();
        }
    }

    @Override
    public int openConnections() {
        return open.size();
    }

    void connectionClosed(HttpConnection c) {
        open.remove(c);
    }

    // ---- virtual hosts ----------------------------------------------------------------------------

    private List<VirtualServer> candidates(InetSocketAddress local) {
        return candidatesByAddress.computeIfAbsent(local, l -> {
            List<VirtualServer> exact = new ArrayList<>();
            List<VirtualServer> wild = new ArrayList<>();
            for (VirtualServer v : model.virtualHosts()) {
                for (HostAddress a : v.addresses()) {
                    if (a.matchesExactly(l)) {
                        exact.add(v);
                        break;
                    }
                    if (a.matchesWildcard(l)) {
                        wild.add(v);
                        break;
                    }
                }
            }
            return !exact.isEmpty() ? exact : wild;
        });
    }

    /** The server for connections to {@code local} before any Host is known (the first vhost for it, or main). */
    VirtualServer serverForAddress(InetSocketAddress local) {
        List<VirtualServer> c = candidates(local);
        return c.isEmpty() ? model.main() : c.get(0);
    }

    VirtualServer serverFor(InetSocketAddress local, String host) {
        List<VirtualServer> c = candidates(local);
        if (c.isEmpty()) {
            return model.main();
        }
        if (host != null) {
            for (VirtualServer v : c) {
                if (v.serverName().equalsIgnoreCase(host)) {
                    return v;
                }
                for (String alias : v.serverAliases()) {
                    if (HostPattern.matches(alias, host)) {
                        return v;
                    }
                }
            }
        }
        return c.get(0);
    }

    // ---- one request ---------------------------------------------------------------------------------

    void process(HttpConnection conn, RequestHead head, long startMillis, long startNanos) throws IOException {
        String target = head.target();
        String host = hostOf(head.headers().get("Host"));
        String rawPath;
        String query = null;
        if (target.startsWith("/")) {
            rawPath = target;
        } else if (target.equals("*")) {
            rawPath = "*";
        } else {
            int scheme = target.indexOf("://");
            int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
            if (scheme < 0) {
                rawPath = target;
            } else {
                host = hostOf(target.substring(scheme + 3, slash < 0 ? target.length() : slash));
                rawPath = slash < 0 ? "/" : target.substring(slash);
            }
        }
        int q = rawPath.indexOf('?');
        if (q >= 0) {
            query = rawPath.substring(q + 1);
            rawPath = rawPath.substring(0, q);
        }
        VirtualServer server = serverFor(conn.localAddress(), host);
        CoreServerConfig core = server.core();
        BodyFraming framing;
        int early = 0;
        String earlyReason = null;
        try {
            framing = BodyFraming.of(head);
        } catch (BadRequestException e) {
            framing = null;
            early = e.status();
            earlyReason = e.reason();
        }
        String expect = head.headers().get("Expect");
        boolean expectContinue = false;
        if (expect != null && early == 0) {
            if (expect.trim().equalsIgnoreCase("100-continue")) {
                expectContinue = head.isHttp11OrLater();
            } else {
                early = 417;
                earlyReason = "client sent an unrecognized expectation value of Expect: " + expect;
            }
        }
        // LimitRequestBody is per directory: the reader gets the final limit once the walk is done
        BodyReader body = framing == null ? null
                : new BodyReader(conn, framing, 1L << 30, expectContinue, core.limitRequestFieldSize());
        RequestImpl r = new RequestImpl(conn, this, server, head.method(), head.requestLine(), target, head.protocol(),
                head.headers(), host != null ? host : server.serverName(), startMillis, startNanos, null, false, body);
        r.query = query;
        r.setDirConfig(server.dirDefaults());
        setUpOutput(r);
        WorkerSlot slot = conn.slot();
        slot.requestStarted(head.requestLine(), server.serverName());
        try {
            if (framing == null) {
                conn.refuseKeepAlive();
            }
            int status = early;
            if (status != 0) {
                LOG.info("JH00052: {} ({}): {}", earlyReason, conn.remoteAddress(), head.requestLine());
            } else if (rawPath.equals("*")) {
                status = optionsAsterisk(r);
            } else {
                status = normalize(r, rawPath, core);
                if (status == 0) {
                    slot.setState(WorkerState.BUSY_WRITE);
                    status = runRequest(r);
                }
            }
            if (status != 0) {
                sendError(r, status);
            }
            // an aborted response ends without its last chunk: a truncated body must not look complete
            if (!conn.isAborted()) {
                finish(r);
            }
        } catch (IOException e) {
            conn.markAborted();
            LOG.debug("request {} aborted: {}", head.requestLine(), e.toString());
        } finally {
            if (!conn.isAborted()) {
                conn.afterResponse(r);
            }
            slot.setState(WorkerState.BUSY_LOG);
            log(r);
            slot.requestFinished(r.bytesSent());
            // files a response still streams from stay open until write completion is done
            conn.whenWritten(() -> {
                for (RequestImpl x = r; x != null; x = x.next) {
                    x.runCleanups();
                }
            });
        }
    }

    private static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private int normalize(RequestImpl r, String rawPath, CoreServerConfig core) {
        UriNormalizer.EncodedSlashes slashes;
        switch (core.allowEncodedSlashes()) {
            case "on":
                slashes = UriNormalizer.EncodedSlashes.ON;
                break;
            case "nodecode":
                slashes = UriNormalizer.EncodedSlashes.NO_DECODE;
                break;
            default:
                slashes = UriNormalizer.EncodedSlashes.OFF;
        }
        try {
            r.uri = UriNormalizer.normalize(rawPath, slashes, core.mergeSlashes());
            return 0;
        } catch (BadRequestException e) {
            r.uri = rawPath;
            LOG.info("JH00053: {} ({})", e.reason(), r.conn.remoteAddress());
            return e.status();
        }
    }

    private int optionsAsterisk(RequestImpl r) throws IOException {
        r.uri = "*";
        if (!r.method.equals("OPTIONS")) {
            return 400;
        }
        r.headersOut.set("Allow", "GET,POST,OPTIONS,HEAD" + (r.server.core().traceEnable() ? ",TRACE" : ""));
        r.headersOut.set("Content-Length", "0");
        r.pass(Brigade.of(Bucket.EOS));
        return 0;
    }

    void setUpOutput(RequestImpl r) {
        ChunkFilter chunk = new ChunkFilter();
        r.output = new OutputChain(r, r.conn);
        r.headerFilter = new HttpHeaderFilter(r, chunk);
        r.output.add(CORE_FILTER_CONTENT_LENGTH, 38, new ContentLengthFilter());
        r.output.add("HTTP_HEADER", 39, r.headerFilter);
        r.output.add("CHUNK", FilterType.TRANSCODE.rank(), chunk);
    }

    /** Runs the phases and the handler; 0 if the request was answered, else the status to answer with. */
    private int runRequest(RequestImpl r) throws IOException {
        HookResult res;
        try {
            res = runPhases(r, false);
        } catch (HttpHeaderFilter.ErrorBeforeHeaders e) {
            return e.status;
        } catch (BodyException e) {
            LOG.info("JH00054: {} ({}): {}", e.getMessage(), r.conn.remoteAddress(), r.requestLine);
            r.conn.refuseKeepAlive();
            if (r.isCommitted()) {
                // the response is under way: cut it off, so the client cannot take it for whole
                r.conn.markAborted();
                return 0;
            }
            return e.status();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("JH00055: a module failed while serving {}: ", r.requestLine, e);
            r.conn.refuseKeepAlive();
            if (r.isCommitted()) {
                r.conn.markAborted();
                return 0;
            }
            return 500;
        }
        if (res.isStatus()) {
            return res.status();
        }
        return 0;
    }

    private HookResult runPhases(RequestImpl r, boolean lookupOnly) throws IOException {
        List<Section> locations = StorageWalk.locations(r);
        r.setDirConfig(r.server.mergedFor(locations), locations);
        HookResult res;
        if (!r.subRequest && r.prev == null) {
            res = runAll(Phase.POST_READ_REQUEST, r);
            if (!res.isOk()) {
                return res;
            }
        }
        res = runFirst(Phase.TRANSLATE_NAME, r);
        if (!res.isOk()) {
            return res.isDeclined() ? HookResult.status(500) : res;
        }
        res = runFirst(Phase.MAP_TO_STORAGE, r);
        if (!res.isOk() && !res.isDeclined()) {
            return res;
        }
        StorageWalk.conditions(r);
        if (!r.subRequest) {
            res = runAll(Phase.HEADER_PARSER, r);
            if (!res.isOk()) {
                return res;
            }
        }
        res = runAll(Phase.ACCESS_CHECKER, r);
        if (!res.isOk()) {
            return res;
        }
        for (Phase p : new Phase[] {Phase.CHECK_USER_ID, Phase.AUTH_CHECKER, Phase.TYPE_CHECKER}) {
            res = runFirst(p, r);
            if (!res.isOk() && !res.isDeclined()) {
                return res;
            }
        }
        res = runAll(Phase.FIXUPS, r);
        if (!res.isOk() || lookupOnly) {
            return res;
        }
        for (HookRegistry.Entry e : hooks.hooks(Phase.INSERT_FILTER)) {
            e.hook().run(r);
        }
        res = runFirst(Phase.HANDLER, r);
        if (res.isDeclined()) {
            LOG.warn("JH00050: handler \"{}\" not found for: {}", r.handler, r.filename);
            return HookResult.status(500);
        }
        return res.isOk() ? HookResult.OK : res;
    }

    private HookResult runFirst(Phase phase, RequestImpl r) throws IOException {
        for (HookRegistry.Entry e : hooks.hooks(phase)) {
            HookResult res = e.hook().run(r);
            if (res == null) {
                throw new IllegalStateException("module " + e.module() + " returned null from a " + phase + " hook");
            }
            if (!res.isDeclined()) {
                return res;
            }
        }
        return HookResult.DECLINED;
    }

    private HookResult runAll(Phase phase, RequestImpl r) throws IOException {
        for (HookRegistry.Entry e : hooks.hooks(phase)) {
            HookResult res = e.hook().run(r);
            if (res == null) {
                throw new IllegalStateException("module " + e.module() + " returned null from a " + phase + " hook");
            }
            if (res.isDone() || res.isStatus()) {
                return res;
            }
        }
        return HookResult.OK;
    }

    /** Sends end-of-stream for whichever request of the redirect chain answered, if it did not. */
    private void finish(RequestImpl r) throws IOException {
        RequestImpl last = (RequestImpl) r.finalRequest();
        if (!last.eosSent) {
            try {
                last.pass(Brigade.of(Bucket.EOS));
            } catch (HttpHeaderFilter.ErrorBeforeHeaders e) {
                sendError(last, e.status);
                if (!last.eosSent) {
                    last.pass(Brigade.of(Bucket.EOS));
                }
            }
        }
    }

    // ---- errors ---------------------------------------------------------------------------------------

    /** Answers {@code r} (or the last request of its redirect chain) with {@code status}, as Apache's {@code ap_die}. */
    void sendError(RequestImpl first, int status) throws IOException {
        RequestImpl r = (RequestImpl) first.finalRequest();
        if (r.isCommitted()) {
            // too late for an error page: the client sees a cut-off response
            r.conn.markAborted();
            return;
        }
        String location = r.headersOut.get("Location");
        String allow = r.headersOut.get("Allow");
        r.status = status;
        if (HttpStatus.dropsConnection(status)) {
            r.conn.refuseKeepAlive();
        }
        CoreDirConfig.ErrorDocument doc = r.coreDir == null ? null : r.coreDir.errorDocument(status);
        boolean recursiveError = r.prev != null && r.prev.status >= 400 && r.prev.notes != null
                && r.prev.notes.containsKey("jhttpd-error-document");
        if (recursiveError) {
            // As Apache's ap_die: the ErrorDocument failed too, so answer the original error with the
            // canned page of the original request, saying so (naming the original status there as
            // well, as Apache does: the ErrorDocument's request inherits it)
            RequestImpl original = r.prev;
            sendCanned(r, original.status, null, null, original);
            return;
        }
        if (doc != null && status >= 400) {
            if (!doc.isText() && doc.target().startsWith("/")) {
                r.notes().put("jhttpd-error-document", doc.target());
                redirect(r, doc.target(), status, true);
                return;
            }
            if (!doc.isText()) {
                r.headersOut.clear();
                r.headersOut.set("Location", doc.target());
                r.status = 302;
                sendCanned(r, 302, doc.target(), null);
                return;
            }
        }
        sendCanned(r, status, location, allow);
    }

    private void sendCanned(RequestImpl r, int status, String location, String allow) throws IOException {
        sendCanned(r, status, location, allow, null);
    }

    /**
     * Sends the canned page for {@code status} on {@code r}; with {@code recursiveOf}, the page of
     * that original request whose {@code ErrorDocument} failed, never a custom text.
     */
    private void sendCanned(RequestImpl r, int status, String location, String allow, RequestImpl recursiveOf)
            throws IOException {
        CoreDirConfig.ErrorDocument doc = r.coreDir == null || recursiveOf != null ? null : r.coreDir.errorDocument(status);
        r.headersOut.clear();
        r.status = status;
        if (location != null && (status / 100 == 3 || status == 201)) {
            r.headersOut.set("Location", location);
        }
        if (allow != null && (status == 405 || status == 501)) {
            r.headersOut.set("Allow", allow);
        }
        r.contentType = "text/html; charset=iso-8859-1";
        String page;
        if (doc != null && doc.isText() && status == r.status && status >= 400) {
            page = doc.target();
        } else {
            page = cannedPage(recursiveOf != null ? recursiveOf : r, status, location, recursiveOf != null);
        }
        r.eosSent = false;
        // as Apache's ap_send_error_response: the page goes through the protocol filters only, plus
        // what the error-filter hooks add (mod_headers' "always" headers)
        r.output.removeBelow(FilterType.PROTOCOL.rank());
        for (HookRegistry.Entry e : hooks.hooks(Phase.INSERT_ERROR_FILTER)) {
            e.hook().run(r);
        }
        try {
            r.pass(Brigade.of(Bucket.data(page), Bucket.EOS));
        } catch (HttpHeaderFilter.ErrorBeforeHeaders e) {
            r.conn.markAborted();
        }
    }

    private String cannedPage(RequestImpl r, int status, String location, boolean errorDocumentFailed) {
        String title = status + " " + HttpStatus.reason(status);
        StringBuilder sb = new StringBuilder(512);
        sb.append("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n<html><head>\n<title>")
                .append(title).append("</title>\n</head><body>\n<h1>").append(HttpStatus.reason(status)).append("</h1>\n")
                .append(HttpStatus.explanation(status, r.uri, r.method, location)
                        .replace("[no address given]", Html.escape(r.server.serverAdmin())));
        if (errorDocumentFailed) {
            sb.append("<p>Additionally, a ").append(title)
                    .append("\nerror was encountered while trying to use an ErrorDocument to handle the request.</p>\n");
        }
        String sig = signature(r);
        if (!sig.isEmpty()) {
            sb.append("<hr>\n").append(sig);
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** {@code ServerSignature}'s footer line. */
    private String signature(RequestImpl r) {
        String mode = r.coreDir == null ? "off" : r.coreDir.serverSignature();
        if (mode.equals("off")) {
            return "";
        }
        int port = r.serverPort();
        String name = Html.escape(r.hostname);
        if (mode.equals("email")) {
            return "<address>" + Html.escape(r.server.softwareName()) + " Server at <a href=\"mailto:"
                    + Html.escape(r.server.serverAdmin()) + "\">" + name + "</a> Port " + port + "</address>\n";
        }
        return "<address>" + Html.escape(r.server.softwareName()) + " Server at " + name + " Port " + port + "</address>\n";
    }

    /** A request whose head could not be parsed: answer, log, close. */
    void badRequest(HttpConnection conn, BadRequestException e, String line) {
        LOG.info("JH00056: bad request from {}: {}", conn.remoteAddress(), e.reason());
        answerWithoutRequest(conn, e.status(), line);
    }

    /** A request whose head did not arrive in time: 408. */
    void timeout(HttpConnection conn, String line) {
        LOG.info("JH00057: timeout reading the request from {}", conn.remoteAddress());
        answerWithoutRequest(conn, 408, line);
    }

    private void answerWithoutRequest(HttpConnection conn, int status, String line) {
        VirtualServer server = conn.addressServer();
        // what the log shows (%m %U %H), taken from the request line as far as it went, as Apache does
        String[] words = line.split(" ", 4);
        String method = words[0].isEmpty() ? "GET" : words[0];
        String protocol = words.length >= 3 && words[2].startsWith("HTTP/") ? words[2] : "HTTP/1.0";
        String path = words.length >= 2 && words[1].startsWith("/") ? words[1] : "/";
        int query = path.indexOf('?');
        RequestImpl r = new RequestImpl(conn, this, server, method, line, "", protocol, new io.jhttpd.api.Headers(),
                server.serverName(), System.currentTimeMillis(), System.nanoTime(), null, false, null);
        r.uri = query < 0 ? path : path.substring(0, query);
        r.setDirConfig(server.dirDefaults());
        setUpOutput(r);
        conn.refuseKeepAlive();
        try {
            sendCanned(r, status, null, null);
        } catch (IOException ex) {
            conn.markAborted();
        } finally {
            log(r);
        }
    }

    // ---- redirects and sub-requests -----------------------------------------------------------------------

    void internalRedirect(RequestImpl from, String target, int status) throws IOException {
        redirect((RequestImpl) from.finalRequest(), target, status, false, false);
    }

    /** As Apache's mod_cgi for a local {@code Location}: the new request is a GET without {@code Content-Length}. */
    void internalRedirectAsGet(RequestImpl from, String target, int status) throws IOException {
        redirect((RequestImpl) from.finalRequest(), target, status, false, true);
    }

    private void redirect(RequestImpl from, String target, int status, boolean errorDocument) throws IOException {
        redirect(from, target, status, errorDocument, false);
    }

    private void redirect(RequestImpl from, String target, int status, boolean errorDocument, boolean asGet)
            throws IOException {
        int depth = 0;
        for (RequestImpl p = from; p != null; p = p.prev) {
            depth++;
        }
        if (depth > MAX_REDIRECTS) {
            LOG.error("JH00051: Request exceeded the limit of {} internal redirects due to probable configuration error: {}",
                    MAX_REDIRECTS, from.requestLine);
            from.status = 500;
            sendCanned(from, 500, null, null);
            return;
        }
        String method = (errorDocument || asGet) && !from.method.equals("HEAD") ? "GET" : from.method;
        io.jhttpd.api.Headers headersIn = from.headersIn;
        if (asGet) {
            headersIn = new io.jhttpd.api.Headers(from.headersIn);
            headersIn.remove("Content-Length");
        }
        RequestImpl r = new RequestImpl(from.conn, this, from.server, method, from.requestLine, target, from.protocol,
                headersIn, from.hostname, from.requestTimeMillis, from.startNanos, from, false, from.body);
        Map<String, String> env = r.subprocessEnv();
        if (from.env != null) {
            for (Map.Entry<String, String> e : from.env.entrySet()) {
                env.put("REDIRECT_" + e.getKey(), e.getValue());
            }
        }
        env.put("REDIRECT_URL", from.uri);
        env.put("REDIRECT_STATUS", Integer.toString(status));
        if (errorDocument) {
            // Apache's ap_die notes the method before an ErrorDocument's redirect turns it into GET
            env.put("REDIRECT_REQUEST_METHOD", from.method);
        }
        if (from.query != null) {
            env.put("REDIRECT_QUERY_STRING", from.query);
        }
        if (errorDocument && from.notes != null) {
            r.notes().putAll(from.notes);
        }
        r.status = status;
        from.next = r;
        String path = target;
        int q = target.indexOf('?');
        if (q >= 0) {
            r.query = target.substring(q + 1);
            path = target.substring(0, q);
        }
        setUpOutput(r);
        int st = normalize(r, path, r.server.core());
        if (st == 0) {
            st = runRequest(r);
        }
        if (st != 0) {
            sendError(r, st);
        }
        if (!r.eosSent && !r.conn.isAborted()) {
            r.pass(Brigade.of(Bucket.EOS));
        }
    }

    Request lookupUri(RequestImpl parent, String target) {
        String path = target;
        String query = null;
        int q = target.indexOf('?');
        if (q >= 0) {
            query = target.substring(q + 1);
            path = target.substring(0, q);
        }
        RequestImpl r = new RequestImpl(parent.conn, this, parent.server, "GET", parent.requestLine, target, parent.protocol,
                parent.headersIn, parent.hostname, parent.requestTimeMillis, parent.startNanos, null, true, null);
        r.query = query;
        // as Apache's ap_set_sub_req_protocol: the sub-request starts with the parent's environment
        r.subprocessEnv().putAll(parent.subprocessEnv());
        r.setDirConfig(parent.server.dirDefaults());
        int st = normalize(r, path, r.server.core());
        if (st != 0) {
            r.status = st;
            return r;
        }
        try {
            HookResult res = runPhases(r, true);
            r.status = res.isStatus() ? res.status() : 200;
        } catch (IOException | RuntimeException e) {
            LOG.warn("JH00058: sub-request for {} failed: {}", target, e.toString());
            r.status = 500;
        }
        return r;
    }

    /**
     * Runs a looked-up sub-request's filters and handler into {@code into}, as Apache's
     * {@code ap_run_sub_req} with its {@code SUBREQ_CORE} filter: only resource and content-set
     * filters join its chain, and its end-of-stream and error buckets never leave it.
     */
    int runSubRequest(RequestImpl sub, io.jhttpd.api.OutputFilter.Next into) throws IOException {
        if (sub.status != 200) {
            return sub.status;
        }
        sub.output = new OutputChain(sub, brigade -> {
            Brigade body = new Brigade();
            Bucket b;
            while ((b = brigade.poll()) != null) {
                if (b instanceof Bucket.Error) {
                    sub.status = ((Bucket.Error) b).status();
                } else if (!(b instanceof Bucket.EndOfStream)) {
                    body.add(b);
                }
            }
            if (!body.isEmpty()) {
                into.pass(body);
            }
        }, FilterType.PROTOCOL.rank());
        int result;
        try {
            for (HookRegistry.Entry e : hooks.hooks(Phase.INSERT_FILTER)) {
                e.hook().run(sub);
            }
            HookResult res = runFirst(Phase.HANDLER, sub);
            if (res.isDeclined()) {
                LOG.warn("JH00050: handler \"{}\" not found for: {}", sub.handler, sub.filename);
                result = 500;
            } else {
                result = res.isStatus() ? res.status() : 0;
            }
        } catch (HttpHeaderFilter.ErrorBeforeHeaders e) {
            result = e.status;
        } catch (BodyException | RuntimeException e) {
            LOG.warn("JH00058: sub-request for {} failed: {}", sub.unparsedUri, e.toString());
            result = 500;
        }
        if (!sub.eosSent) {
            // the sub-request's own filters (a nested INCLUDES) hold their tail until end-of-stream
            sub.pass(Brigade.of(Bucket.EOS));
        }
        // what it opened may still be on its way to the client in the parent's chain
        into.request().onCleanup(sub::runCleanups);
        return result;
    }

    // ---- filters -------------------------------------------------------------------------------------

    boolean addOutputFilter(RequestImpl r, String name) {
        FilterRegistry.OutputEntry e = filters.output(name);
        if (e == null) {
            return false;
        }
        io.jhttpd.api.OutputFilter f = e.factory().create(r);
        if (f != null) {
            r.output.add(e.name(), e.type().rank(), f);
        }
        return true;
    }

    /** {@code AddOutputFilterByType}: filter {@code name} at its place, for a response of one of {@code types}. */
    boolean addOutputFilterByType(RequestImpl r, String name, java.util.Set<String> types) {
        FilterRegistry.OutputEntry e = filters.output(name);
        if (e == null) {
            return false;
        }
        r.output.add(e.name(), e.type().rank(), new ByTypeFilter(e.factory(), types));
        return true;
    }

    boolean addInputFilter(RequestImpl r, String name) {
        FilterRegistry.InputEntry e = filters.input(name);
        if (e == null) {
            return false;
        }
        ensureInput(r);
        io.jhttpd.api.InputFilter f = e.factory().create(r);
        if (f != null) {
            r.input.add(e.type().rank(), f);
        }
        return true;
    }

    void ensureInput(RequestImpl r) {
        if (r.input == null) {
            if (r.body != null && r.coreDir != null) {
                r.body.setLimit(r.coreDir.limitRequestBody());
            }
            r.input = new InputChain(r, r.body);
        }
    }

    // ---- logging -------------------------------------------------------------------------------------

    private void log(RequestImpl r) {
        for (HookRegistry.Entry e : hooks.hooks(Phase.LOG_TRANSACTION)) {
            try {
                e.hook().run(r);
            } catch (IOException | RuntimeException ex) {
                LOG.error("JH00059: module {} failed to log {}: {}", e.module(), r.requestLine, ex.toString());
            }
        }
    }
}
