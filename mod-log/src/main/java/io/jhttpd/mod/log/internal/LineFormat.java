package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import io.jhttpd.api.Server;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code LogFormat} string parsed once into an array of {@link Field fields}; rendering a
 * request runs the fields in order, with no parsing, no regex and no {@code String.format}.
 *
 * <pre>{@code
 * LineFormat clf = LineFormat.parse(LineFormat.CLF, ZoneId.systemDefault());
 * clf.render(LoggedRequest.of(r), buffer);   // 127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326\n
 * }</pre>
 *
 * <p>The language is Apache's mod_log_config and mod_logio: {@code %%}, {@code %a %{c}a %A %b %B %{VAR}C %D %{VAR}e %f %h %H
 * %{Name}i %I %k %l %L %m %{name}n %{Name}o %O %p %{canonical|local|remote}p %P %{pid|tid|hextid}P %q %r
 * %R %s %S %t %{format}t %T %{s|ms|us}T %u %U %v %V %X %{Name}^ti %{Name}^to}, with {@code <} / {@code >} to pick the original
 * or the final request of an internal-redirect chain, and status lists ({@code %400,501{Referer}i},
 * {@code %!200,304{Referer}i}) that print {@code -} unless the final status is (not) listed. By
 * default {@code %s %U %r %R %T %D} describe the original request, everything else the final one.
 * Literal text may hold {@code \n \t \r \\}; any other backslash stays. Every line ends with
 * {@code \n}. Values a client controls are escaped ({@link LineBuffer}); a missing value prints
 * {@code -}.
 *
 * <p>Immutable and thread-safe.
 */
final class LineFormat {

    /** Apache's built-in default, the Common Log Format (used by {@code TransferLog} when no {@code LogFormat} says otherwise). */
    static final String CLF = "%h %l %u %t \"%r\" %>s %b";

    /** One piece of a line. */
    @FunctionalInterface
    interface Field {
        /** Appends this field's text for {@code request}. */
        void append(LoggedRequest request, LineBuffer out);
    }

    /** A field reading one request of the chain. */
    @FunctionalInterface
    private interface Item {
        void append(Request r, LoggedRequest request, LineBuffer out);
    }

    private static final byte[] NEWLINE = {'\n'};
    /** The note holding the request's log id once the error log generated one (Apache's {@code r->log_id}). */
    static final String LOG_ID_NOTE = "log-id";
    private static final char TRAILER_IN = '\u0001';
    private static final char TRAILER_OUT = '\u0002';
    private static final long PID = ProcessHandle.current().pid();

    private final String source;
    private final Field[] fields;

    private LineFormat(String source, Field[] fields) {
        this.source = source;
        this.fields = fields;
    }

    /** The format as configured. */
    String source() {
        return source;
    }

    /** Appends the line for {@code request}, with its trailing newline. */
    void render(LoggedRequest request, LineBuffer out) {
        for (Field f : fields) {
            f.append(request, out);
        }
    }

    /**
     * Parses {@code format}; times print in {@code zone}. Fails with Apache's message for an
     * unknown directive, and says so for directives not implemented yet.
     */
    static LineFormat parse(String format, ZoneId zone) throws ConfigException {
        List<Field> fields = new ArrayList<>();
        int n = format.length();
        int i = 0;
        while (i < n) {
            if (format.charAt(i) != '%') {
                int end = format.indexOf('%', i);
                end = end < 0 ? n : end;
                byte[] text = literal(format, i, end);
                fields.add((request, out) -> out.raw(text));
                i = end;
                continue;
            }
            i++;
            if (i < n && format.charAt(i) == '%') {
                fields.add((request, out) -> out.raw('%'));
                i++;
                continue;
            }
            int wantOriginal = -1;
            boolean negate = false;
            List<Integer> statuses = new ArrayList<>();
            String arg = "";
            Field field = null;
            while (field == null) {
                if (i >= n) {
                    throw new ConfigException("JH03004 Ran off end of LogFormat parsing args to some directive");
                }
                char c = format.charAt(i);
                if (c == '!') {
                    negate = !negate;
                    i++;
                } else if (c == '<') {
                    wantOriginal = 1;
                    i++;
                } else if (c == '>') {
                    wantOriginal = 0;
                    i++;
                } else if (c == ',') {
                    i++;
                } else if (c == '{') {
                    int close = format.indexOf('}', i + 1);
                    arg = format.substring(i + 1, close < 0 ? n : close);
                    i = close < 0 ? n : close + 1;
                } else if (c >= '0' && c <= '9') {
                    int v = 0;
                    while (i < n && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
                        v = v * 10 + format.charAt(i++) - '0';
                    }
                    statuses.add(v);
                } else if (c == '^') {
                    if (i + 2 >= n) {
                        throw new ConfigException("JH03004 Ran off end of LogFormat parsing args to some directive");
                    }
                    field = directive(trailerDirective(format.substring(i + 1, i + 3)), arg, wantOriginal, zone);
                    i += 3;
                } else {
                    field = directive(c, arg, wantOriginal, zone);
                    i++;
                }
            }
            fields.add(statuses.isEmpty() ? field : onlyFor(statuses, negate, field));
        }
        fields.add((request, out) -> out.raw(NEWLINE));
        return new LineFormat(format, fields.toArray(new Field[0]));
    }

    /** Literal text with Apache's backslash escapes applied, as bytes. */
    private static byte[] literal(String format, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = format.charAt(i);
            if (c != '\\' || i + 1 == to) {
                sb.append(c);
                continue;
            }
            char next = format.charAt(i + 1);
            switch (next) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                default -> {
                    sb.append('\\');
                    continue;   // the next character is ordinary text
                }
            }
            i++;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Field onlyFor(List<Integer> statuses, boolean negate, Field field) {
        int[] codes = statuses.stream().mapToInt(Integer::intValue).toArray();
        return (request, out) -> {
            int status = request.last().status();
            boolean listed = false;
            for (int code : codes) {
                if (code == status) {
                    listed = true;
                    break;
                }
            }
            if (listed == negate) {
                out.dash();
            } else {
                field.append(request, out);
            }
        };
    }

    private static Field directive(char c, String arg, int wantOriginal, ZoneId zone) throws ConfigException {
        boolean originalByDefault = "sUrRTD".indexOf(c) >= 0;
        boolean original = wantOriginal == -1 ? originalByDefault : wantOriginal == 1;
        Item item = item(c, arg, zone);
        return original
                ? (request, out) -> item.append(request.original(), request, out)
                : (request, out) -> item.append(request.last(), request, out);
    }

    private static Item item(char c, String arg, ZoneId zone) throws ConfigException {
        switch (c) {
            case 'a':
            case 'h':
                // Without mod_remoteip and HostnameLookups, %a, %{c}a and %h are all the peer's IP.
                return (r, request, out) -> out.escaped(r.remoteIp());
            case 'A':
                return (r, request, out) -> out.escaped(r.connection() == null ? null : r.connection().localIp());
            case 'b':
                return (r, request, out) -> {
                    long sent = r.bytesSent();
                    if (sent == 0) {
                        out.dash();
                    } else {
                        out.number(sent);
                    }
                };
            case 'B':
                return (r, request, out) -> out.number(r.bytesSent());
            case 'D':
                return (r, request, out) -> out.number(request.durationMicros());
            case 'e':
                return (r, request, out) -> out.escaped(r.subprocessEnv().get(arg));
            case 'f':
                return (r, request, out) -> {
                    Path file = r.filename();
                    out.escapedPath(file == null ? null : file.toString());
                };
            case 'H':
                return (r, request, out) -> out.escaped(r.protocol());
            case TRAILER_IN:
                return (r, request, out) -> {
                    Headers trailers = r.trailersIn();
                    out.escaped(trailers == null ? null : joined(trailers, arg, null));
                };
            case TRAILER_OUT:
                // the kernel sends no response trailers
                return (r, request, out) -> out.dash();
            case 'i':
                return (r, request, out) -> out.escaped(joined(r.headersIn(), arg, null));
            case 'k':
                // Apache prints c->keepalives - 1, where keepalives already counts this request if it keeps the connection
                return (r, request, out) -> {
                    Connection conn = r.connection();
                    int before = conn == null ? 0 : conn.keepAliveCount();
                    out.number(conn != null && conn.willKeepAlive() ? before : Math.max(0, before - 1));
                };
            case 'l':
                return (r, request, out) -> out.dash();
            case 'm':
                return (r, request, out) -> out.escaped(r.method());
            case 'n':
                return (r, request, out) -> out.escaped(r.notes().get(arg));
            case 'o':
                return headerOut(arg);
            case 'p':
                return port(arg);
            case 'P':
                return processOrThread(arg);
            case 'q':
                return (r, request, out) -> {
                    String q = r.queryString();
                    if (q != null) {
                        out.raw('?').escaped(q);
                    }
                };
            case 'r':
                return (r, request, out) -> out.escaped(r.requestLine());
            case 'R':
                return (r, request, out) -> out.escaped(r.handler());
            case 's':
                return (r, request, out) -> out.number(r.status());
            case 't':
                return time(arg, zone);
            case 'T':
                return duration(arg);
            case 'u':
                return (r, request, out) -> {
                    String user = r.user();
                    if (user != null && user.isEmpty()) {
                        out.raw('"').raw('"');
                    } else {
                        out.escaped(user);
                    }
                };
            case 'U':
                return (r, request, out) -> out.escapedPath(r.uri());
            case 'v':
                return (r, request, out) -> {
                    Server s = r.server();
                    out.escaped(s == null ? null : s.serverName());
                };
            case 'V':
                return (r, request, out) -> out.escaped(r.hostname());
            case 'C':
                return (r, request, out) -> out.escaped(cookie(r.headersIn(), arg));
            case 'I':
                return (r, request, out) -> counted(r.bytesReceived(), out);
            case 'O':
                return (r, request, out) -> counted(r.bytesWritten(), out);
            case 'S':
                return (r, request, out) -> {
                    long in = r.bytesReceived();
                    long sent = r.bytesWritten();
                    counted(in < 0 || sent < 0 ? -1 : in + sent, out);
                };
            case 'L':
                // no log id is generated unless the error log asks for one (ErrorLogFormat %L)
                return (r, request, out) -> out.escaped(r.notes().get(LOG_ID_NOTE));
            case 'X':
                return (r, request, out) -> {
                    Connection conn = r.connection();
                    out.raw(conn == null || conn.isAborted() ? 'X' : conn.willKeepAlive() ? '+' : '-');
                };
            default:
                throw new ConfigException("JH03004 Unrecognized LogFormat directive %" + c);
        }
    }

    /** {@code %^ti} / {@code %^to} map to private directive letters. */
    private static char trailerDirective(String name) throws ConfigException {
        switch (name) {
            case "ti":
                return TRAILER_IN;
            case "to":
                return TRAILER_OUT;
            default:
                throw new ConfigException("JH03004 Unrecognized LogFormat directive %^" + name);
        }
    }

    private static void counted(long bytes, LineBuffer out) {
        if (bytes < 0) {
            out.dash();
        } else {
            out.number(bytes);
        }
    }

    /**
     * The value of cookie {@code name}, as Apache's {@code log_cookie} finds it in the request's
     * {@code Cookie} fields joined with {@code ", "}: pairs split at {@code ;} (empty ones
     * skipped), the name before the first {@code =} (leading {@code =} skipped) compared without
     * case after trimming blanks, a pair with nothing after {@code =} skipped, the value trimmed;
     * {@code null} if absent.
     */
    static String cookie(Headers headers, String name) {
        String all = joined(headers, "Cookie", null);
        if (all == null) {
            return null;
        }
        int n = all.length();
        int i = 0;
        while (i < n) {
            if (all.charAt(i) == ';') {
                i++;
                continue;
            }
            int end = all.indexOf(';', i);
            end = end < 0 ? n : end;
            int nameStart = i;
            while (nameStart < end && all.charAt(nameStart) == '=') {
                nameStart++;
            }
            int eq = all.indexOf('=', nameStart);
            if (nameStart < end && eq >= 0 && eq + 1 < end) {
                while (nameStart < eq && (all.charAt(nameStart) == ' ' || all.charAt(nameStart) == '\t')) {
                    nameStart++;
                }
                int nameEnd = eq;
                while (nameEnd > nameStart && isSpace(all.charAt(nameEnd - 1))) {
                    nameEnd--;
                }
                if (nameEnd - nameStart == name.length() && all.regionMatches(true, nameStart, name, 0, name.length())) {
                    int valueStart = eq + 1;
                    while (valueStart < end && (all.charAt(valueStart) == ' ' || all.charAt(valueStart) == '\t')) {
                        valueStart++;
                    }
                    int valueEnd = end;
                    while (valueEnd > valueStart && isSpace(all.charAt(valueEnd - 1))) {
                        valueEnd--;
                    }
                    return all.substring(valueStart, valueEnd);
                }
            }
            i = end + 1;
        }
        return null;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static InetSocketAddress remote(Request r) {
        Connection c = r.connection();
        return c == null ? null : c.remoteAddress();
    }

    private static Item headerOut(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return (r, request, out) -> {
                // Apache's header filter forgets the content type of a 204 or 304 response
                String type = r.status() == 204 || r.status() == 304 ? null : r.contentType();
                out.escaped(type != null ? withoutParameters(type) : first(r.headersOut(), r.errHeadersOut(), name));
            };
        }
        if (name.equalsIgnoreCase("Set-Cookie")) {
            // Apache joins every Set-Cookie; error responses carry theirs in the error headers.
            return (r, request, out) -> out.escaped(joined(r.headersOut(), name, r.errHeadersOut()));
        }
        return (r, request, out) -> out.escaped(first(r.headersOut(), r.errHeadersOut(), name));
    }

    private static Item port(String arg) {
        if (arg.isEmpty() || arg.equalsIgnoreCase("canonical")) {
            return (r, request, out) -> {
                Server s = r.server();
                int port = s == null ? 0 : s.port();
                out.number(port == 0 ? 80 : port);
            };
        }
        if (arg.equalsIgnoreCase("remote")) {
            return (r, request, out) -> out.number(portOf(remote(r)));
        }
        if (arg.equalsIgnoreCase("local")) {
            return (r, request, out) -> out.number(portOf(r.connection() == null ? null : r.connection().localAddress()));
        }
        byte[] bogus = arg.getBytes(StandardCharsets.UTF_8);   // Apache prints an unknown argument as it is
        return (r, request, out) -> out.raw(bogus);
    }

    private static Item processOrThread(String arg) {
        if (arg.isEmpty() || arg.equalsIgnoreCase("pid")) {
            return (r, request, out) -> out.number(PID);
        }
        if (arg.equalsIgnoreCase("tid")) {
            return (r, request, out) -> out.number(Thread.currentThread().getId());
        }
        if (arg.equalsIgnoreCase("hextid")) {
            return (r, request, out) -> out.ascii(Long.toHexString(Thread.currentThread().getId()));
        }
        byte[] bogus = arg.getBytes(StandardCharsets.UTF_8);
        return (r, request, out) -> out.raw(bogus);
    }

    private static Item duration(String arg) {
        long divisor;
        if (arg.isEmpty() || arg.equalsIgnoreCase("s")) {
            divisor = 1_000_000;
        } else if (arg.equalsIgnoreCase("ms")) {
            divisor = 1_000;
        } else if (arg.equalsIgnoreCase("us")) {
            divisor = 1;
        } else {
            byte[] bogus = arg.getBytes(StandardCharsets.UTF_8);
            return (r, request, out) -> out.raw(bogus);
        }
        return (r, request, out) -> out.number(request.durationMicros() / divisor);
    }

    /** {@code %t} and {@code %{...}t}, decided here once exactly as Apache's {@code log_request_time} decides per request. */
    private static Item time(String arg, ZoneId zone) {
        String fmt = arg;
        String pattern = arg;
        boolean end = false;
        RequestTime.Kind kind = RequestTime.Kind.CUSTOM;
        if (fmt.isEmpty()) {
            kind = RequestTime.Kind.CLF;
        } else {
            if (fmt.startsWith("begin")) {
                fmt = fmt.substring(5);
                if (fmt.isEmpty()) {
                    kind = RequestTime.Kind.CLF;
                } else if (fmt.charAt(0) == ':') {
                    fmt = fmt.substring(1);
                    pattern = fmt;
                }
            } else if (fmt.startsWith("end")) {
                fmt = fmt.substring(3);
                if (fmt.isEmpty()) {
                    end = true;
                    kind = RequestTime.Kind.CLF;
                } else if (fmt.charAt(0) == ':') {
                    fmt = fmt.substring(1);
                    pattern = fmt;
                    end = true;
                }
            }
            if (fmt.startsWith("msec")) {
                if (fmt.length() == 4) {
                    kind = RequestTime.Kind.MSEC;
                } else if (fmt.substring(4).equals("_frac")) {
                    kind = RequestTime.Kind.MSEC_FRAC;
                }
            } else if (fmt.startsWith("usec")) {
                if (fmt.length() == 4) {
                    kind = RequestTime.Kind.USEC;
                } else if (fmt.substring(4).equals("_frac")) {
                    kind = RequestTime.Kind.USEC_FRAC;
                }
            } else if (fmt.equals("sec")) {
                kind = RequestTime.Kind.SEC;
            } else if (fmt.isEmpty()) {
                kind = RequestTime.Kind.CLF;
            }
        }
        RequestTime time = new RequestTime(kind, kind == RequestTime.Kind.CUSTOM ? Strftime.compile(pattern) : null, zone);
        boolean atEnd = end;
        return (r, request, out) -> time.append(atEnd ? request.endMillis() : request.original().requestTimeMillis(), out);
    }

    private static int portOf(InetSocketAddress a) {
        return a == null ? 0 : a.getPort();
    }

    /** {@code type} without its parameters, as Apache's {@code ap_field_noparam}. */
    static String withoutParameters(String type) {
        int semi = type.indexOf(';');
        if (semi < 0) {
            return type;
        }
        while (semi > 0 && Character.isWhitespace(type.charAt(semi - 1))) {
            semi--;
        }
        return type.substring(0, semi);
    }

    private static String first(Headers headers, Headers fallback, String name) {
        String v = headers.get(name);
        return v != null ? v : fallback.get(name);
    }

    /**
     * Every value of {@code name} in {@code headers} (then {@code more}, if given) joined with
     * {@code ", "}, as Apache merges repeated request headers; {@code null} if none. Builds a new
     * string only when there are several.
     */
    static String joined(Headers headers, String name, Headers more) {
        String first = headers.joined(name);
        String second = more == null ? null : more.joined(name);
        return first == null ? second : second == null ? first : first + ", " + second;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Instants as {@code %t} prints them; CLF text is cached per second, as Apache caches it. */
    static final class RequestTime {

        /** The forms of {@code %t}. */
        enum Kind { CLF, CUSTOM, SEC, MSEC, USEC, MSEC_FRAC, USEC_FRAC }

        private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

        private record Cached(long second, byte[] text) {
        }

        private final Kind kind;
        private final Strftime custom;
        private final ZoneId zone;
        private volatile Cached cached = new Cached(Long.MIN_VALUE, null);

        RequestTime(Kind kind, Strftime custom, ZoneId zone) {
            this.kind = kind;
            this.custom = custom;
            this.zone = zone;
        }

        void append(long millis, LineBuffer out) {
            switch (kind) {
                case CLF -> out.raw(clf(millis));
                case CUSTOM -> custom.append(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone), out);
                case SEC -> out.number(Math.floorDiv(millis, 1000));
                case MSEC -> out.number(millis);
                case USEC -> out.number(millis * 1000);
                case MSEC_FRAC -> out.padded(Math.floorMod(millis, 1000), 3);
                case USEC_FRAC -> out.padded(Math.floorMod(millis, 1000) * 1000L, 6);
                default -> throw new IllegalStateException(kind.toString());
            }
        }

        /** {@code [10/Oct/2000:13:55:36 -0700]} in local time. */
        private byte[] clf(long millis) {
            long second = Math.floorDiv(millis, 1000);
            Cached c = cached;
            if (c.second == second) {
                return c.text;
            }
            ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), zone);
            LineBuffer b = new LineBuffer();
            b.raw('[').padded(t.getDayOfMonth(), 2).raw('/').ascii(MONTHS[t.getMonthValue() - 1]).raw('/')
                    .number(t.getYear()).raw(':').padded(t.getHour(), 2).raw(':').padded(t.getMinute(), 2)
                    .raw(':').padded(t.getSecond(), 2).raw(' ');
            Strftime.offset(t.getOffset().getTotalSeconds(), b);
            b.raw(']');
            byte[] text = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            cached = new Cached(second, text);
            return text;
        }
    }
}
