package io.jhttpd.mod.log.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A {@code strftime} pattern for {@code %{format}t}, compiled once: the conversions of the C
 * library in the C locale (English names), which is what Apache's {@code apr_strftime} uses.
 * Supported: {@code %a %A %b %h %B %c %C %d %D %e %F %g %G %H %I %j %k %l %m %M %n %p %r %R %s
 * %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%}. Anything else after {@code %} is written as it
 * stands, as glibc does.
 */
final class Strftime {

    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** Compiled parts: a {@code byte[]} literal or a {@code Character} conversion. */
    private final Object[] parts;

    private Strftime(Object[] parts) {
        this.parts = parts;
    }

    /** Compiles {@code pattern}; never fails. */
    static Strftime compile(String pattern) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                literal.append(c);
                continue;
            }
            char conv = pattern.charAt(++i);
            String expanded = expansion(conv);
            if (expanded != null) {
                // Composite conversions are spelled out once here, not at each request.
                Strftime inner = compile(expanded);
                flush(literal, parts);
                parts.addAll(List.of(inner.parts));
            } else if (conv == '%') {
                literal.append('%');
            } else if (conv == 'n') {
                literal.append('\n');
            } else if (conv == 't') {
                literal.append('\t');
            } else if ("aAbhBCdegGHIjklmMpsSuUVwWyYzZ".indexOf(conv) >= 0) {
                flush(literal, parts);
                parts.add(conv);
            } else {
                literal.append('%').append(conv);
            }
        }
        flush(literal, parts);
        return new Strftime(parts.toArray());
    }

    private static String expansion(char conv) {
        switch (conv) {
            case 'c':
                return "%a %b %e %H:%M:%S %Y";
            case 'D':
            case 'x':
                return "%m/%d/%y";
            case 'F':
                return "%Y-%m-%d";
            case 'r':
                return "%I:%M:%S %p";
            case 'R':
                return "%H:%M";
            case 'T':
            case 'X':
                return "%H:%M:%S";
            default:
                return null;
        }
    }

    private static void flush(StringBuilder literal, List<Object> parts) {
        if (literal.length() > 0) {
            parts.add(literal.toString().getBytes(StandardCharsets.UTF_8));
            literal.setLength(0);
        }
    }

    /** Writes {@code t} formatted. */
    void append(ZonedDateTime t, LineBuffer out) {
        for (Object part : parts) {
            if (part instanceof byte[] b) {
                out.raw(b);
            } else {
                convert((Character) part, t, out);
            }
        }
    }

    private static void convert(char conv, ZonedDateTime t, LineBuffer out) {
        int wday = t.getDayOfWeek().getValue() % 7;   // C: Sunday = 0
        int yday = t.getDayOfYear() - 1;
        switch (conv) {
            case 'a' -> out.ascii(DAYS[t.getDayOfWeek().ordinal()].substring(0, 3));
            case 'A' -> out.ascii(DAYS[t.getDayOfWeek().ordinal()]);
            case 'b', 'h' -> out.ascii(MONTHS[t.getMonthValue() - 1].substring(0, 3));
            case 'B' -> out.ascii(MONTHS[t.getMonthValue() - 1]);
            case 'C' -> out.padded(Math.floorDiv(t.getYear(), 100), 2);
            case 'd' -> out.padded(t.getDayOfMonth(), 2);
            case 'e' -> spaced(t.getDayOfMonth(), out);
            case 'g' -> out.padded(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2);
            case 'G' -> out.number(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> out.padded(t.getHour(), 2);
            case 'I' -> out.padded(hour12(t), 2);
            case 'j' -> out.padded(yday + 1, 3);
            case 'k' -> spaced(t.getHour(), out);
            case 'l' -> spaced(hour12(t), out);
            case 'm' -> out.padded(t.getMonthValue(), 2);
            case 'M' -> out.padded(t.getMinute(), 2);
            case 'p' -> out.ascii(t.getHour() < 12 ? "AM" : "PM");
            case 's' -> out.number(t.toEpochSecond());
            case 'S' -> out.padded(t.getSecond(), 2);
            case 'u' -> out.number(t.getDayOfWeek().getValue());
            case 'U' -> out.padded((yday + 7 - wday) / 7, 2);
            case 'V' -> out.padded(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
            case 'w' -> out.number(wday);
            case 'W' -> out.padded((yday + 7 - (wday + 6) % 7) / 7, 2);
            case 'y' -> out.padded(Math.floorMod(t.getYear(), 100), 2);
            case 'Y' -> out.number(t.getYear());
            case 'z' -> offset(t.get(ChronoField.OFFSET_SECONDS), out);
            case 'Z' -> out.ascii(TimeZone.getTimeZone(t.getZone())
                    .getDisplayName(t.getZone().getRules().isDaylightSavings(t.toInstant()), TimeZone.SHORT, Locale.US));
            default -> throw new IllegalStateException("not compiled: %" + conv);
        }
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void spaced(int v, LineBuffer out) {
        if (v < 10) {
            out.raw(' ');
        }
        out.number(v);
    }

    /** {@code +hhmm} / {@code -hhmm}. */
    static void offset(int seconds, LineBuffer out) {
        out.raw(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        out.padded(abs / 3600, 2).padded(abs % 3600 / 60, 2);
    }
}
