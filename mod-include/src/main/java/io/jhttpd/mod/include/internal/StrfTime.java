package io.jhttpd.mod.include.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * C's {@code strftime} for SSI's {@code timefmt} (C locale), as Apache formats {@code DATE_LOCAL},
 * {@code LAST_MODIFIED} and {@code flastmod}. Unknown conversions are copied as written.
 */
final class StrfTime {

    /** Apache's {@code DEFAULT_TIME_FORMAT}. */
    static final String DEFAULT_FORMAT = "%A, %d-%b-%Y %H:%M:%S %Z";

    private StrfTime() {
    }

    /** {@code epochMillis} in {@code zone} by {@code format}; {@code gmt} names the zone "GMT" as Apache's {@code ap_ht_time}. */
    static String format(String format, long epochMillis, ZoneId zone, boolean gmt) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        StringBuilder sb = new StringBuilder(format.length() + 16);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                sb.append(c);
                continue;
            }
            char f = format.charAt(++i);
            switch (f) {
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
                case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
                case 'c' -> sb.append(format("%a %b %e %H:%M:%S %Y", epochMillis, zone, gmt));
                case 'C' -> two(sb, t.getYear() / 100);
                case 'd' -> two(sb, t.getDayOfMonth());
                case 'D' -> sb.append(format("%m/%d/%y", epochMillis, zone, gmt));
                case 'e' -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case 'F' -> sb.append(format("%Y-%m-%d", epochMillis, zone, gmt));
                case 'H' -> two(sb, t.getHour());
                case 'I' -> two(sb, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'k' -> sb.append(t.getHour() < 10 ? " " : "").append(t.getHour());
                case 'l' -> {
                    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
                    sb.append(h < 10 ? " " : "").append(h);
                }
                case 'm' -> two(sb, t.getMonthValue());
                case 'M' -> two(sb, t.getMinute());
                case 'n' -> sb.append('\n');
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'r' -> sb.append(format("%I:%M:%S %p", epochMillis, zone, gmt));
                case 'R' -> sb.append(format("%H:%M", epochMillis, zone, gmt));
                case 's' -> sb.append(Math.floorDiv(epochMillis, 1000));
                case 'S' -> two(sb, t.getSecond());
                case 't' -> sb.append('\t');
                case 'T', 'X' -> sb.append(format("%H:%M:%S", epochMillis, zone, gmt));
                case 'u' -> sb.append(t.getDayOfWeek().getValue());
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'x' -> sb.append(format("%m/%d/%y", epochMillis, zone, gmt));
                case 'y' -> two(sb, t.getYear() % 100);
                case 'Y' -> sb.append(t.getYear());
                case 'z' -> {
                    int offset = t.getOffset().getTotalSeconds() / 60;
                    sb.append(offset < 0 ? '-' : '+');
                    offset = Math.abs(offset);
                    two(sb, offset / 60);
                    two(sb, offset % 60);
                }
                case 'Z' -> sb.append(gmt ? "GMT" : java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US).format(t));
                case '%' -> sb.append('%');
                default -> sb.append('%').append(f);
            }
        }
        return sb.toString();
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }
}
