package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.Request;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The {@code %{NAME}} variables of {@code RewriteCond} test strings and substitutions, as Apache's
 * {@code lookup_variable}: request headers, connection, server, time and the specials
 * ({@code REQUEST_FILENAME}, {@code THE_REQUEST}, ...), plus the prefixed forms
 * {@code HTTP:header}, {@code ENV:name}, {@code SSL:name} (empty: no TLS), {@code LA-U:} and
 * {@code LA-F:} (look-ahead through a sub-request). Unknown names are empty.
 */
final class ServerVariables {

    private ServerVariables() {
    }

    /** The value of {@code %{name}} for the rule being applied in {@code ctx}. */
    static String lookup(String name, RuleContext ctx) {
        Request r = ctx.request;
        int colon = name.indexOf(':');
        if (colon > 0) {
            String prefix = name.substring(0, colon).toUpperCase(Locale.ROOT);
            String arg = name.substring(colon + 1);
            switch (prefix) {
                case "HTTP":
                    String v = r.headersIn().get(arg);
                    ctx.varyOn(arg);
                    return v == null ? "" : v;
                case "ENV":
                    String e = r.subprocessEnv().get(arg);
                    if (e == null) {
                        e = System.getenv(arg);
                    }
                    return e == null ? "" : e;
                case "SSL":
                    return "";
                case "LA-U":
                    return lookAheadUrl(arg, ctx);
                case "LA-F":
                    return lookAheadFile(arg, ctx);
                default:
                    break;
            }
        }
        switch (name) {
            case "HTTP_ACCEPT":
                return header(ctx, "Accept");
            case "HTTP_COOKIE":
                return header(ctx, "Cookie");
            case "HTTP_FORWARDED":
                return header(ctx, "Forwarded");
            case "HTTP_HOST":
                return header(ctx, "Host");
            case "HTTP_PROXY_CONNECTION":
                return header(ctx, "Proxy-Connection");
            case "HTTP_REFERER":
                return header(ctx, "Referer");
            case "HTTP_USER_AGENT":
                return header(ctx, "User-Agent");
            case "AUTH_TYPE":
                return nz(r.subprocessEnv().get("AUTH_TYPE"));
            case "REMOTE_ADDR":
            case "CONN_REMOTE_ADDR":
                return nz(r.connection().remoteIp());
            case "REMOTE_HOST":
                return nz(r.connection().remoteIp());
            case "REMOTE_PORT":
                return Integer.toString(r.connection().remoteAddress().getPort());
            case "REMOTE_IDENT":
                return "";
            case "REMOTE_USER":
                return nz(r.user());
            case "REQUEST_METHOD":
                return r.method();
            case "QUERY_STRING":
                return nz(ctx.query);
            case "PATH_INFO":
                return nz(r.pathInfo());
            case "CONTEXT_PREFIX":
                return nz(r.notes().get(AliasHooks.NOTE_CONTEXT_PREFIX));
            case "CONTEXT_DOCUMENT_ROOT":
                String contextRoot = r.notes().get(AliasHooks.NOTE_CONTEXT_ROOT);
                return contextRoot != null ? contextRoot : r.server().documentRoot().toString();
            case "DOCUMENT_ROOT":
                return r.server().documentRoot().toString();
            case "IPV6":
                return r.connection().localAddress().getAddress() instanceof java.net.Inet6Address ? "on" : "off";
            case "SCRIPT_FILENAME":
            case "REQUEST_FILENAME":
                return nz(ctx.filename);
            case "SCRIPT_USER":
            case "SCRIPT_GROUP":
                return "<unknown>";
            case "SERVER_ADDR":
                return nz(r.connection().localIp());
            case "SERVER_ADMIN":
                return r.server().serverAdmin();
            case "SERVER_NAME":
                return r.hostname();
            case "SERVER_PORT":
                return Integer.toString(r.connection().localAddress().getPort());
            case "SERVER_PROTOCOL":
                return r.protocol();
            case "SERVER_SOFTWARE":
                return r.server().softwareName();
            case "API_VERSION":
                return "20120211:0";
            case "HTTPS":
                return "off";
            case "REQUEST_SCHEME":
                return "http";
            case "IS_SUBREQ":
                return r.isSubRequest() ? "true" : "false";
            case "REQUEST_URI":
                return r.uri();
            case "THE_REQUEST":
                return r.requestLine();
            default:
                return time(name, r);
        }
    }

    private static String time(String name, Request r) {
        if (!name.startsWith("TIME")) {
            return "";
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(r.requestTimeMillis()), ZoneId.systemDefault());
        switch (name) {
            case "TIME_YEAR":
                return Integer.toString(t.getYear());
            case "TIME_MON":
                return two(t.getMonthValue());
            case "TIME_DAY":
                return two(t.getDayOfMonth());
            case "TIME_HOUR":
                return two(t.getHour());
            case "TIME_MIN":
                return two(t.getMinute());
            case "TIME_SEC":
                return two(t.getSecond());
            case "TIME_WDAY":
                return Integer.toString(t.getDayOfWeek().getValue() % 7);
            case "TIME":
                return String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                        t.getHour(), t.getMinute(), t.getSecond());
            default:
                return "";
        }
    }

    private static String lookAheadUrl(String var, RuleContext ctx) {
        Request sub = ctx.request.lookupUri(ctx.request.uri());
        return lookup(var, new RuleContext(sub, ctx.perDirectory, ctx.maps));
    }

    private static String lookAheadFile(String var, RuleContext ctx) {
        return lookAheadUrl(var, ctx);
    }

    private static String header(RuleContext ctx, String name) {
        String v = ctx.request.headersIn().get(name);
        return v == null ? "" : v;
    }


    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
