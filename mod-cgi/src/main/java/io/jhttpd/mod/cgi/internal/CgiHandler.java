package io.jhttpd.mod.cgi.internal;

import io.jhttpd.api.CgiEnvironment;
import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cgi-script} handler, as Apache's mod_cgi: checks that the script may run, starts it
 * with the CGI environment, streams the request body to its stdin, parses its header section and
 * streams the rest of its output into the request's output filter chain, one buffer at a time.
 * A script named {@code nph-*} writes the whole response itself.
 */
final class CgiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CgiHandler.class);

    /** The handler name ScriptAlias, AddHandler and SetHandler use. */
    static final String HANDLER = "cgi-script";
    /** The old MIME-type form of the handler name Apache still accepts. */
    private static final String LEGACY_TYPE = "application/x-httpd-cgi";
    /** The request note mod_alias's ScriptAlias sets, making ExecCGI unnecessary (Apache's is_scriptaliased). */
    static final String ALIAS_FORCED_TYPE = "alias-forced-type";
    /** Bytes per read of the script's output and per write to its input. */
    private static final int CHUNK = 32 * 1024;
    /** Apache's {@code APACHE_ARG_MAX}: at most this many ISINDEX words become arguments. */
    private static final int MAX_ARGS = 512;
    /** Shell metacharacters Apache's {@code ap_escape_shell_cmd} backslash-escapes in ISINDEX arguments. */
    private static final String SHELL_SPECIALS = "&;`'\"|*?~<>^()[]{}$\\\n";

    private final Map<String, String> serverEnvironment;

    CgiHandler(Map<String, String> serverEnvironment) {
        this.serverEnvironment = serverEnvironment;
    }

    HookResult handle(Request r) throws IOException {
        String handler = r.handler();
        if (!HANDLER.equalsIgnoreCase(handler) && !LEGACY_TYPE.equalsIgnoreCase(handler)) {
            return HookResult.declined();
        }
        Path file = r.filename();
        if (!r.options().contains(Option.EXEC_CGI) && !HANDLER.equalsIgnoreCase(r.notes().get(ALIAS_FORCED_TYPE))) {
            LOG.error("JH09001: Options ExecCGI is off in this directory: {}", file);
            return HookResult.status(403);
        }
        if (file == null || r.fileAttributes() == null) {
            LOG.error("JH09002: script not found or unable to stat: {}", file);
            return HookResult.status(404);
        }
        if (r.fileAttributes().isDirectory()) {
            LOG.error("JH09003: attempt to invoke directory as script: {}", file);
            return HookResult.status(403);
        }
        if (r.acceptPathInfo() == AcceptPathInfo.OFF && !r.pathInfo().isEmpty()) {
            LOG.info("JH09004: AcceptPathInfo off disallows user's path: {}{}", file, r.pathInfo());
            return HookResult.status(404);
        }
        String scriptName = file.getFileName().toString();
        CgiSettings settings = r.config(CgiSettings.KEY);
        Map<String, String> env = CgiEnvironment.standardVariables(r, serverEnvironment, settings.passesAuth());
        // as Apache: the variables stay in the request's environment, so a redirect passes them on as REDIRECT_*
        r.subprocessEnv().putAll(env);
        long timeout = settings.scriptTimeoutMillis >= 0 ? settings.scriptTimeoutMillis : r.server().timeoutMillis();
        // the answer comes from the script, in its own time: listening goes to another thread first
        r.connection().willBlock();
        ScriptProcess script;
        try {
            script = ScriptProcess.start(command(file, r.queryString()), env, file.getParent(), timeout,
                    line -> LOG.error("JH09006: stderr from {}: {}", file, line));
        } catch (IOException e) {
            LOG.error("JH09005: exec of '{}' failed: {}", file, e.getMessage());
            return HookResult.status(500);
        }
        try (script) {
            sendBody(r, script, scriptName);
            ScriptOutput out = new ScriptOutput(script.stdout(), CHUNK);
            if (scriptName.startsWith("nph-")) {
                r.removeProtocolFilters();
                stream(out, r, script, file);
                return HookResult.ok();
            }
            List<ScriptOutput.Field> fields;
            try {
                fields = out.readHeaders();
            } catch (ScriptOutput.HeaderException e) {
                return headerFailure(e, script, file, scriptName);
            }
            apply(fields, r, scriptName);
            String location = r.headersOut().get("Location");
            if (location != null && r.status() == 200) {
                // a redirect's own body is never sent: a script wanting one must send a Status
                out.discardRest();
                if (location.startsWith("/")) {
                    r.internalRedirect(location, true);
                    return HookResult.ok();
                }
                return HookResult.status(302);
            }
            stream(out, r, script, file);
            return HookResult.ok();
        }
    }

    /** Writes the request body to the script's stdin, or just closes it; a script that stops reading gets no more. */
    private static void sendBody(Request r, ScriptProcess script, String scriptName) throws IOException {
        if (!r.hasBody()) {
            script.closeStdin();
            return;
        }
        try {
            script.writeStdin(r.bodyStream(), new byte[CHUNK]);
        } catch (ScriptProcess.StdinClosedException e) {
            LOG.debug("{} stopped reading its input: {}", scriptName, e.getCause().toString());
            script.closeStdin();
            r.discardBody();
        }
    }

    private static HookResult headerFailure(ScriptOutput.HeaderException e, ScriptProcess script, Path file, String scriptName) {
        if (script.timedOut()) {
            LOG.warn("JH09011: Timeout waiting for output from CGI script {}", file);
            LOG.error("JH09012: Script timed out before returning headers: {}", scriptName);
            return HookResult.status(504);
        }
        switch (e.failure) {
            case ENDED_BEFORE_HEADERS:
                LOG.error("JH09007: End of script output before headers: {}", scriptName);
                break;
            case BAD_NAME:
                LOG.error("JH09009: Response header name '{}' from script '{}' contains invalid characters, aborting request",
                        e.detail, scriptName);
                break;
            default:
                LOG.error("JH09008: malformed header from script '{}': Bad header: {}", scriptName, e.detail);
        }
        return HookResult.status(500);
    }

    /**
     * Applies the script's header fields as Apache's {@code ap_scan_script_header_err}: Status and
     * Content-Type set the response's, Set-Cookie goes with error responses too, repeated fields are
     * joined with commas, and Content-Length and Transfer-Encoding are dropped (the server frames
     * the body; CVE-2024-24795) unless the environment has {@code ap_trust_cgilike_cl}.
     */
    static void apply(List<ScriptOutput.Field> fields, Request r, String scriptName) {
        boolean trustLength = r.subprocessEnv().containsKey("ap_trust_cgilike_cl");
        for (ScriptOutput.Field f : fields) {
            String value = f.value();
            switch (f.name().toLowerCase(Locale.ROOT)) {
                case "content-type":
                    r.setContentType(value);
                    break;
                case "status":
                    int status = leadingNumber(value);
                    if (status < 100 || status > 599) {
                        LOG.error("JH09010: Invalid status line from script '{}': {}", scriptName,
                                value.length() > 30 ? value.substring(0, 30) : value);
                        status = 500;
                    }
                    r.setStatus(status);
                    break;
                case "location":
                    r.headersOut().set(f.name(), value);
                    break;
                case "content-length":
                    if (trustLength) {
                        r.headersOut().set(f.name(), value);
                    }
                    break;
                case "transfer-encoding":
                    break;
                case "set-cookie":
                    r.errHeadersOut().add(f.name(), value);
                    break;
                default:
                    String before = r.headersOut().get(f.name());
                    r.headersOut().set(f.name(), before == null ? value : before + ", " + value);
            }
        }
    }

    /** C's {@code atoi}: the digits at the start, 0 if none. */
    private static int leadingNumber(String s) {
        int n = 0;
        int i = 0;
        while (i < s.length() && i < 9 && Character.isDigit(s.charAt(i))) {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        return n;
    }

    /** Streams the rest of the output down the filter chain, flushing whenever the script pauses. */
    private static void stream(ScriptOutput out, Request r, ScriptProcess script, Path file) throws IOException {
        byte[] chunk;
        while ((chunk = out.readChunk(CHUNK)) != null) {
            Brigade b = Brigade.of(Bucket.data(chunk));
            if (!out.hasBuffered()) {
                b.add(Bucket.FLUSH);
            }
            r.pass(b);
        }
        if (script.timedOut()) {
            LOG.warn("JH09011: Timeout waiting for output from CGI script {}", file);
            // the response is under way: cut it off, so the client cannot take it for whole
            throw new IOException("CGI script timed out: " + file);
        }
    }

    /**
     * The script's command line, as Apache's: the script itself, and for a query string without
     * {@code =} (an ISINDEX query) its {@code +}-separated words, decoded and shell-escaped.
     */
    static List<String> command(Path file, String query) {
        List<String> command = new ArrayList<>();
        command.add(file.toString());
        if (query != null && !query.isEmpty() && query.indexOf('=') < 0) {
            String[] words = query.split("\\+", -1);
            for (int i = 0; i < words.length && i < MAX_ARGS; i++) {
                command.add(shellEscape(percentDecode(words[i])));
            }
        }
        return command;
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String shellEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (SHELL_SPECIALS.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
