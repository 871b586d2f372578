package io.jhttpd.mod.headers.internal;

import io.jhttpd.api.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A header value with mod_headers' format specifiers, parsed once: {@code %%}, {@code %t} (when
 * the request arrived, {@code t=} and microseconds since the epoch), {@code %D} (how long since,
 * {@code D=} and microseconds), {@code %{VAR}e} (a request environment variable, {@code (null)}
 * when unset) and {@code %{VAR}s} (a TLS variable: always {@code (null)}, there is no TLS module).
 */
final class HeaderValue {

    private interface Part {
        void render(Request r, StringBuilder out);
    }

    private final String literal;
    private final Part[] parts;

    private HeaderValue(String literal, Part[] parts) {
        this.literal = literal;
        this.parts = parts;
    }

    static HeaderValue literal(String text) {
        return new HeaderValue(text, null);
    }

    /** Parses {@code text}; an unknown {@code %x} is an {@link IllegalArgumentException}, as Apache refuses it. */
    static HeaderValue parse(String text) {
        if (text.indexOf('%') < 0) {
            return literal(text);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%' || i + 1 >= text.length()) {
                plain.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '%') {
                plain.append('%');
                i += 2;
                continue;
            }
            String arg = null;
            int at = i + 1;
            if (next == '{') {
                int close = text.indexOf('}', at);
                if (close < 0 || close + 1 >= text.length()) {
                    throw new IllegalArgumentException("Unrecognized header format %" + text.substring(i + 1));
                }
                arg = text.substring(at + 1, close);
                at = close + 1;
            }
            char spec = text.charAt(at);
            Part part = part(spec, arg);
            if (part == null) {
                throw new IllegalArgumentException("Unrecognized header format %" + spec);
            }
            if (plain.length() > 0) {
                String s = plain.toString();
                parts.add((r, out) -> out.append(s));
                plain.setLength(0);
            }
            parts.add(part);
            i = at + 1;
        }
        if (plain.length() > 0) {
            String s = plain.toString();
            parts.add((r, out) -> out.append(s));
        }
        return new HeaderValue(null, parts.toArray(new Part[0]));
    }

    private static Part part(char spec, String arg) {
        switch (spec) {
            case 't':
                return (r, out) -> out.append("t=").append(TimeUnit.MILLISECONDS.toMicros(r.requestTimeMillis()));
            case 'D':
                return (r, out) -> out.append("D=").append(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - r.requestStartNanos()));
            case 'e':
                return arg == null ? null : (r, out) -> {
                    String v = r.subprocessEnv().get(arg);
                    out.append(v == null ? "(null)" : v);
                };
            case 's':
                return arg == null ? null : (r, out) -> out.append("(null)");
            default:
                return null;
        }
    }

    String render(Request r) {
        if (parts == null) {
            return literal;
        }
        StringBuilder out = new StringBuilder(32);
        for (Part p : parts) {
            p.render(r, out);
        }
        return out.toString();
    }
}
