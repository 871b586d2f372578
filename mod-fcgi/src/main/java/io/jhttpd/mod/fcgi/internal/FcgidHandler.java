package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.CgiEnvironment;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_fcgid's {@code fcgid-script} handler: the script runs in a FastCGI process of the class
 * named by its {@code FcgidWrapper} (by suffix, else the directory's default wrapper), one request
 * per process at a time. Needs {@code Options ExecCGI}, as in Apache.
 */
final class FcgidHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FcgidHandler.class);
    static final String HANDLER = "fcgid-script";

    private volatile FcgidProcessTable table;

    void use(FcgidProcessTable table) {
        this.table = table;
    }

    HookResult handle(Request r) throws IOException {
        if (r.handler() == null || !r.handler().equalsIgnoreCase(HANDLER)) {
            return HookResult.declined();
        }
        if (r.filename() == null) {
            return HookResult.declined();
        }
        if (!r.options().contains(Option.EXEC_CGI)) {
            LOG.error("JH10025: Options ExecCGI is off in this directory: {} (AH01254)", r.filename());
            return HookResult.status(403);
        }
        FcgiDirConfig dir = r.config(FcgiDirConfig.KEY);
        String fileName = r.filename().getFileName() == null ? "" : r.filename().getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String suffix = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        FcgiDirConfig.Wrapper wrapper = dir.wrappers.get(suffix);
        if (wrapper == null) {
            wrapper = dir.wrappers.get("");
        }
        if (wrapper == null) {
            LOG.error("JH10026: no FcgidWrapper for {}: this server starts FastCGI applications through a wrapper "
                    + "that binds its own socket (such as php-cgi with -b)", r.filename());
            return HookResult.status(500);
        }
        if (!wrapper.virtual() && r.fileAttributes() == null) {
            return HookResult.status(404);
        }
        if (r.fileAttributes() != null && r.fileAttributes().isDirectory()) {
            return HookResult.status(403);
        }
        FcgidProcessTable processes = table;
        if (processes == null) {
            return HookResult.status(503);
        }
        Map<String, String> params = CgiEnvironment.standardVariables(r);
        for (String header : dir.passHeaders) {
            String value = r.headersIn().get(header);
            String variable = CgiEnvironment.headerVariable(header, true);
            if (value != null && variable != null) {
                params.put(variable, value);
            }
        }
        ProcessClass processClass = processes.classFor(wrapper.command());
        FcgidSettings settings = processClass.settings();
        AppProcess[] held = new AppProcess[1];
        return FcgiRequest.run(r, params, processClass.name(), new FcgiRequest.Source() {
            @Override
            public BackendChannel acquire() throws IOException {
                AppProcess p = processClass.acquire();
                try {
                    BackendChannel c = p.connection(settings.connectTimeoutMillis(), settings.ioTimeoutMillis());
                    held[0] = p;
                    return c;
                } catch (IOException | RuntimeException e) {
                    processClass.release(p, false);
                    throw e;
                }
            }

            @Override
            public void release(BackendChannel channel, boolean reusable) {
                if (!reusable) {
                    held[0].dropConnection();
                }
                processClass.release(held[0], reusable);
            }

            @Override
            public boolean keepsConnections() {
                return true;
            }
        });
    }
}
