package io.jhttpd.mod.include.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.CgiEnvironment;
import io.jhttpd.api.HttpDate;
import io.jhttpd.api.Option;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSI document's view of its request: the CGI and include variables (Apache's
 * {@code ap_add_common_vars}, {@code ap_add_cgi_vars}, {@code add_include_vars}), variables the
 * page sets going to the request's {@code subprocessEnv} (so included CGI scripts see them),
 * includes as kernel sub-requests, and {@code exec cmd} as {@code /bin/sh -c}.
 */
final class RequestHost implements SsiHost {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHost.class);
    /** How deep includes may nest (Apache stops recursion by file name; this stops it by depth). */
    static final int MAX_DEPTH = 16;
    /** Sub-requests run on the including request's thread, so the nesting depth is the thread's. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final long EXEC_EXIT_WAIT_SECONDS = 10;

    private final Request r;
    private final IncludeSettings settings;
    private final Map<String, String> own = new LinkedHashMap<>();

    RequestHost(Request r, IncludeSettings settings) {
        this.r = r;
        this.settings = settings;
        own.putAll(CgiEnvironment.standardVariables(r));
        own.keySet().removeAll(r.subprocessEnv().keySet());
        Path file = r.filename();
        String name = file != null && file.getFileName() != null ? file.getFileName().toString()
                : r.uri().substring(r.uri().lastIndexOf('/') + 1);
        Map<String, String> include = new LinkedHashMap<>();
        include.put("DOCUMENT_NAME", name);
        include.put("DOCUMENT_URI", r.uri());
        if (!r.pathInfo().isEmpty()) {
            include.put("DOCUMENT_PATH_INFO", r.pathInfo());
        }
        include.put("DOCUMENT_ARGS", r.queryString() != null ? r.queryString() : "");
        include.put("USER_NAME", owner(file));
        if (r.queryString() != null) {
            include.put("QUERY_STRING_UNESCAPED", Encoding.shell(Encoding.unescapeUrl(r.queryString())));
        }
        if (r.isSubRequest()) {
            // as Apache's nested includes: the including page's variables (inherited) win
            own.putAll(include);
        } else {
            // in the request's environment, as Apache's add_include_vars: included scripts see them
            r.subprocessEnv().putAll(include);
        }
    }

    private static String owner(Path file) {
        try {
            return file != null ? Files.getOwner(file).getName() : "<unknown>";
        } catch (IOException | UnsupportedOperationException e) {
            return "<unknown>";
        }
    }

    /**
     * Fixes the response's headers before the first byte, as Apache's {@code includes_filter}: no
     * {@code Content-Length} (the content changes), no {@code ETag} unless {@code SSIETag on}, no
     * {@code Last-Modified} unless {@code SSILastModified on} or {@code XBitHack full} on a
     * group-executable file.
     */
    void startResponse() {
        r.headersOut().remove("Content-Length");
        if (!settings.etag()) {
            r.headersOut().remove("ETag");
        }
        long mtime = lastModified();
        boolean keepLastModified = settings.lastModified()
                || (settings.xBitHack() == IncludeSettings.XBitHack.FULL && hasPermission(r.filename(), PosixFilePermission.GROUP_EXECUTE));
        if (keepLastModified && mtime >= 0) {
            if (!r.headersOut().contains("Last-Modified")) {
                r.headersOut().set("Last-Modified", HttpDate.format(mtime));
            }
        } else {
            r.headersOut().remove("Last-Modified");
        }
    }

    static boolean hasPermission(Path file, PosixFilePermission permission) {
        try {
            return file != null && Files.getPosixFilePermissions(file).contains(permission);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String variable(String name) {
        String v = r.subprocessEnv().get(name);
        return v != null ? v : own.get(name);
    }

    @Override
    public void setVariable(String name, String value) {
        r.subprocessEnv().put(name, value);
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> all = new LinkedHashMap<>(own);
        all.putAll(r.subprocessEnv());
        return all;
    }

    @Override
    public long now() {
        return r.requestTimeMillis();
    }

    @Override
    public long lastModified() {
        BasicFileAttributes a = r.fileAttributes();
        return a == null ? -1 : a.lastModifiedTime().toMillis();
    }

    @Override
    public FileFacts stat(String path, boolean virtual) {
        if (virtual) {
            Request sub = r.lookupUri(path);
            BasicFileAttributes a = sub.fileAttributes();
            if (sub.status() != 200 || a == null) {
                error("unable to get information about \"" + path + "\" (status " + sub.status() + ")");
                return null;
            }
            return new FileFacts(a.size(), a.lastModifiedTime().toMillis());
        }
        Path dir = r.filename() != null ? r.filename().getParent() : null;
        if (dir == null) {
            error("unable to get information about \"" + path + "\": the document is not a file");
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(path), BasicFileAttributes.class);
            return new FileFacts(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            error("unable to get information about \"" + path + "\": " + e);
            return null;
        }
    }

    @Override
    public int include(String uri, OutputFilter.Next into) throws IOException {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            error("includes nested deeper than " + MAX_DEPTH + " at \"" + uri + "\" (recursive include?)");
            return 508;
        }
        depth[0]++;
        try {
            Request sub = r.lookupUri(uri);
            if (sub.status() != 200) {
                return sub.status();
            }
            return sub.runSubRequest(into);
        } finally {
            depth[0]--;
        }
    }

    @Override
    public boolean execAllowed() {
        return r.options().contains(Option.INCLUDES);
    }

    @Override
    public boolean exec(String command, OutputFilter.Next into) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().clear();
        pb.environment().putAll(variables());
        Path dir = r.filename() != null ? r.filename().getParent() : null;
        if (dir != null && Files.isDirectory(dir)) {
            pb.directory(dir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            r.connection().willBlock();
            p = pb.start();
        } catch (IOException e) {
            error("could not run \"" + command + "\": " + e.getMessage());
            return false;
        }
        try (InputStream out = p.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = out.read(buf)) > 0) {
                into.pass(Brigade.of(Bucket.data(java.util.Arrays.copyOf(buf, n))));
            }
            if (!p.waitFor(EXEC_EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        return true;
    }

    @Override
    public void error(String message) {
        LOG.error("JH13001: {} in parsed file {}", message, r.filename() != null ? r.filename() : r.uri());
    }
}
