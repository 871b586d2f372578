package io.jhttpd.mod.status.internal;

import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.api.spi.ServerContext;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's mod_status: {@code SetHandler server-status} answers with the scoreboard of every
 * child, as HTML, or with {@code ?auto} as the machine-readable text monitoring tools parse
 * ({@code Key: value} lines, then {@code Scoreboard: } with one letter per worker slot).
 *
 * <pre>
 * &lt;Location "/server-status"&gt;
 *     SetHandler server-status
 *     Require ip 127.0.0.1
 * &lt;/Location&gt;
 * </pre>
 */
public final class StatusModule implements HttpdModule {

    private static final Logger LOG = LoggerFactory.getLogger(StatusModule.class);
    /** Apache's CurrentTime/RestartTime format. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.US);
    /** A scoreboard wider than this (one process with no ThreadLimit) shows only up to its last live slot. */
    private static final int WIDE = 1024;

    private volatile ServerContext server;

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public StatusModule() {
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.onStart(s -> server = s);
        setup.hook(Phase.HANDLER, this::handle, HookOrder.MIDDLE);
    }

    private HookResult handle(Request r) throws IOException {
        if (!"server-status".equals(r.handler())) {
            return HookResult.declined();
        }
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            return HookResult.declined();
        }
        ServerContext s = server;
        Scoreboard board = s == null ? null : s.scoreboard().orElse(null);
        if (board == null) {
            LOG.debug("JH07001: no scoreboard to show");
            return HookResult.declined();
        }
        Snapshot snap = new Snapshot(board);
        boolean auto = r.queryString() != null && r.queryString().matches("(.*[&;])?auto([&;].*)?");
        String body = auto ? auto(r, s, snap) : html(r, s, snap);
        r.setContentType(auto ? "text/plain; charset=ISO-8859-1" : "text/html; charset=ISO-8859-1");
        if (!r.isHead()) {
            r.write(body);
        }
        return HookResult.ok();
    }

    /** One consistent-enough read of the scoreboard (it changes while we read, as Apache's does). */
    private static final class Snapshot {
        final Scoreboard board;
        final StringBuilder letters = new StringBuilder();
        long accesses;
        long bytes;
        int busy;
        int idle;
        int processes;
        int stopping;

        Snapshot(Scoreboard board) {
            this.board = board;
            for (int child = 0; child < board.serverLimit(); child++) {
                boolean live = board.pid(child) != 0;
                int columns = columns(board, child);
                for (int t = 0; t < columns; t++) {
                    WorkerSlot slot = board.slot(child, t);
                    WorkerState st = slot.state();
                    letters.append(st.letter());
                    accesses += slot.requests();
                    bytes += slot.bytesServed();
                    if (st == WorkerState.READY) {
                        idle++;
                    } else if (st != WorkerState.DEAD && st != WorkerState.STARTING && st != WorkerState.IDLE_KILL) {
                        busy++;
                    }
                }
                if (live) {
                    processes++;
                    if (board.isQuiescing(child)) {
                        stopping++;
                    }
                }
            }
        }
    }

    private static int columns(Scoreboard board, int child) {
        int n = board.threadLimit();
        if (n <= WIDE) {
            return n;
        }
        int last = 0;
        for (int t = 0; t < n; t++) {
            if (board.slot(child, t).state() != WorkerState.DEAD) {
                last = t + 1;
            }
        }
        return last;
    }

    private static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    private static String auto(Request r, ServerContext s, Snapshot snap) {
        long now = System.currentTimeMillis();
        long restart = snap.board.restartTimeMillis() == 0 ? now : snap.board.restartTimeMillis();
        long uptime = Math.max(1, (now - restart) / 1000);
        StringBuilder b = new StringBuilder();
        b.append(r.hostname() == null ? r.server().serverName() : r.hostname()).append('\n');
        b.append("ServerVersion: ").append(r.server().softwareName()).append('\n');
        b.append("ServerMPM: ").append(s.mpmName()).append('\n');
        b.append("CurrentTime: ").append(time(now)).append('\n');
        b.append("RestartTime: ").append(time(restart)).append('\n');
        b.append("ParentServerConfigGeneration: ").append(snap.board.runningGeneration() + 1).append('\n');
        b.append("ParentServerMPMGeneration: ").append(snap.board.runningGeneration()).append('\n');
        b.append("ServerUptimeSeconds: ").append(uptime).append('\n');
        b.append("Total Accesses: ").append(snap.accesses).append('\n');
        b.append("Total kBytes: ").append(snap.bytes / 1024).append('\n');
        b.append("Uptime: ").append(uptime).append('\n');
        b.append("ReqPerSec: ").append(ratio(snap.accesses, uptime)).append('\n');
        b.append("BytesPerSec: ").append(ratio(snap.bytes, uptime)).append('\n');
        if (snap.accesses > 0) {
            b.append("BytesPerReq: ").append(ratio(snap.bytes, snap.accesses)).append('\n');
        }
        b.append("BusyWorkers: ").append(snap.busy).append('\n');
        b.append("IdleWorkers: ").append(snap.idle).append('\n');
        b.append("Processes: ").append(snap.processes).append('\n');
        b.append("Stopping: ").append(snap.stopping).append('\n');
        b.append("Scoreboard: ").append(snap.letters).append('\n');
        return b.toString();
    }

    private static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.6g", (double) a / b).replaceAll("\\.?0+$", "");
    }

    private static String html(Request r, ServerContext s, Snapshot snap) {
        long now = System.currentTimeMillis();
        long restart = snap.board.restartTimeMillis() == 0 ? now : snap.board.restartTimeMillis();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html><head>\n<title>Apache Status</title>\n</head><body>\n");
        b.append("<h1>Apache Server Status for ").append(escape(r.server().serverName())).append("</h1>\n\n");
        b.append("<dl><dt>Server Version: ").append(escape(r.server().softwareName())).append("</dt>\n");
        b.append("<dt>Server MPM: ").append(escape(s.mpmName())).append("</dt>\n</dl><hr /><dl>\n");
        b.append("<dt>Current Time: ").append(time(now)).append("</dt>\n");
        b.append("<dt>Restart Time: ").append(time(restart)).append("</dt>\n");
        b.append("<dt>Parent Server Config. Generation: ").append(snap.board.runningGeneration() + 1).append("</dt>\n");
        b.append("<dt>Parent Server MPM Generation: ").append(snap.board.runningGeneration()).append("</dt>\n");
        b.append("<dt>Server uptime: ").append((now - restart) / 1000).append(" seconds</dt>\n");
        b.append("<dt>Total accesses: ").append(snap.accesses).append(" - Total Traffic: ").append(snap.bytes / 1024).append(" kB</dt>\n");
        b.append("<dt>").append(snap.busy).append(" requests currently being processed, ").append(snap.idle).append(" idle workers</dt>\n");
        b.append("</dl><pre>");
        for (int i = 0; i < snap.letters.length(); i += 64) {
            b.append(snap.letters, i, Math.min(snap.letters.length(), i + 64)).append('\n');
        }
        b.append("</pre>\n<p>Scoreboard Key:<br />\n");
        b.append("\"<b><code>_</code></b>\" Waiting for Connection, \"<b><code>S</code></b>\" Starting up, \"<b><code>R</code></b>\" Reading Request,<br />\n");
        b.append("\"<b><code>W</code></b>\" Sending Reply, \"<b><code>K</code></b>\" Keepalive (read), \"<b><code>D</code></b>\" DNS Lookup,<br />\n");
        b.append("\"<b><code>C</code></b>\" Closing connection, \"<b><code>L</code></b>\" Logging, \"<b><code>G</code></b>\" Gracefully finishing,<br />\n");
        b.append("\"<b><code>I</code></b>\" Idle cleanup of worker, \"<b><code>.</code></b>\" Open slot with no current process</p>\n\n");
        b.append("<table border=\"0\"><tr><th>Srv</th><th>PID</th><th>Acc</th><th>M</th><th>SS</th><th>Bytes</th><th>VHost</th><th>Request</th></tr>\n");
        Scoreboard board = snap.board;
        for (int child = 0; child < board.serverLimit(); child++) {
            long pid = board.pid(child);
            if (pid == 0) {
                continue;
            }
            int columns = columns(board, child);
            for (int t = 0; t < columns; t++) {
                WorkerSlot slot = board.slot(child, t);
                if (slot.state() == WorkerState.DEAD || slot.lastUsedMillis() == 0 && slot.state() != WorkerState.BUSY_READ) {
                    continue;
                }
                long ss = slot.lastUsedMillis() == 0 ? 0 : (now - slot.lastUsedMillis()) / 1000;
                b.append("<tr><td><b>").append(child).append('-').append(board.generation(child)).append("</b></td><td>").append(pid)
                        .append("</td><td>").append(slot.requests()).append("</td><td><b>").append(slot.state().letter())
                        .append("</b></td><td>").append(ss).append("</td><td>").append(slot.bytesServed()).append("</td><td nowrap>")
                        .append(escape(slot.vhost())).append("</td><td nowrap>").append(escape(slot.requestLine())).append("</td></tr>\n");
            }
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
