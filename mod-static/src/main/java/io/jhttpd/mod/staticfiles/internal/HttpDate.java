package io.jhttpd.mod.staticfiles.internal;

import java.time.LocalDate;

/**
 * HTTP dates, as Apache writes and reads them.
 *
 * <p>{@link #format} is the api's {@link io.jhttpd.api.HttpDate}. {@link #parse} is deliberately more
 * lenient than the api's strict parser, because conditional requests must read dates as Apache
 * does: it accepts what APR's {@code apr_date_parse_http}
 * accepts: RFC 1123 (one- or two-digit day), RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
 * asctime ({@code Sun Nov  6 08:49:37 1994}); the weekday and the zone are not checked, the time is
 * taken as GMT, month names are case-sensitive.
 */
final class HttpDate {

    /** What {@link #parse} returns for a value it cannot read. */
    static final long INVALID = Long.MIN_VALUE;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDate() {
    }

    /** {@code epochMillis} as an RFC 1123 date, truncated to the second (the api's cached formatter). */
    static String format(long epochMillis) {
        return io.jhttpd.api.HttpDate.format(epochMillis);
    }

    /** Seconds since the epoch for an HTTP date, or {@link #INVALID}. */
    static long parse(String value) {
        if (value == null) {
            return INVALID;
        }
        int p = 0;
        int n = value.length();
        while (p < n && isSpace(value.charAt(p))) {
            p++;
        }
        if (p == n) {
            return INVALID;
        }
        // The weekday is skipped unread, up to the first space after it.
        int space = value.indexOf(' ', p);
        if (space < 0) {
            return INVALID;
        }
        String d = value.substring(space + 1);
        int year;
        int mday;
        int mon;
        int time;
        if (matches(d, "## @$$ #### ##:##:## *")) {
            year = num(d, 7, 4);
            mday = num(d, 0, 2);
            mon = month(d, 3);
            time = 12;
        } else if (matches(d, "##-@$$-## ##:##:## *")) {
            year = num(d, 7, 2);
            year += year < 70 ? 2000 : 1900;
            mday = num(d, 0, 2);
            mon = month(d, 3);
            time = 10;
        } else if (matches(d, "@$$ ~# ##:##:## ####*")) {
            year = num(d, 16, 4);
            mday = (d.charAt(4) == ' ' ? 0 : (d.charAt(4) - '0') * 10) + (d.charAt(5) - '0');
            mon = month(d, 0);
            time = 7;
        } else if (matches(d, "# @$$ #### ##:##:## *")) {
            year = num(d, 6, 4);
            mday = num(d, 0, 1);
            mon = month(d, 2);
            time = 11;
        } else {
            return INVALID;
        }
        if (year < 1900 || mday <= 0 || mday > 31 || mon < 0) {
            return INVALID;
        }
        int hour = num(d, time, 2);
        int min = num(d, time + 3, 2);
        int sec = num(d, time + 6, 2);
        // APR allows leap seconds (up to 61) and checks days against the month.
        if (hour > 23 || min > 59 || sec > 61) {
            return INVALID;
        }
        if (mday == 31 && (mon == 3 || mon == 5 || mon == 8 || mon == 10)) {
            return INVALID;
        }
        if (mon == 1 && (mday > 29 || (mday == 29 && !isLeap(year)))) {
            return INVALID;
        }
        long day = LocalDate.of(year, mon + 1, mday).toEpochDay();
        return day * 86_400L + hour * 3600L + min * 60L + sec;
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }

    /** APR's {@code apr_date_checkmask}: {@code @} upper, {@code $} lower, {@code #} digit, {@code ~} digit or space, {@code *} rest. */
    private static boolean matches(String data, String mask) {
        for (int i = 0; i < mask.length(); i++) {
            char m = mask.charAt(i);
            if (m == '*') {
                return true;
            }
            if (i >= data.length()) {
                return false;
            }
            char c = data.charAt(i);
            boolean ok;
            switch (m) {
                case '@':
                    ok = c >= 'A' && c <= 'Z';
                    break;
                case '$':
                    ok = c >= 'a' && c <= 'z';
                    break;
                case '#':
                    ok = c >= '0' && c <= '9';
                    break;
                case '~':
                    ok = c == ' ' || (c >= '0' && c <= '9');
                    break;
                default:
                    ok = c == m;
            }
            if (!ok) {
                return false;
            }
        }
        return data.length() == mask.length();
    }

    private static int num(String s, int from, int digits) {
        int v = 0;
        for (int i = from; i < from + digits; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static int month(String s, int from) {
        for (int m = 0; m < 12; m++) {
            if (s.startsWith(MONTHS[m], from)) {
                return m;
            }
        }
        return -1;
    }
}
