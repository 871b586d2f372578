package io.jhttpd.api;

import java.time.LocalDate;

/**
 * HTTP dates (RFC 9110 §5.6.7): formatting as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * and parsing of all three forms a recipient must accept: IMF-fixdate, the obsolete RFC 850 form
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>{@code Date} goes on every response and {@code Last-Modified} on most, so formatting is
 * cached: each second formatted is kept in an immutable holder in a small direct-mapped table (so
 * the current second for {@code Date} and a file's time for {@code Last-Modified} do not evict each
 * other), which makes the common case an array read and a compare, thread-safe without locks.
 * Parsing follows the grammar exactly, case-sensitive as RFC 9110 says, so that
 * {@code If-Modified-Since} values we cannot read are ignored rather than misread. The day name is
 * checked for spelling but not against the date, as Apache does not either.
 */
public final class HttpDate {

    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what four year digits can say. */
    private static final long MIN_SECOND = -62135596800L;
    private static final long MAX_SECOND = 253402300799L;

    private static final class Cached {
        final long second;
        final String text;

        Cached(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }

    /** Slots of the cache; a power of two. */
    private static final int CACHED = 16;
    private static final Cached[] CACHE = new Cached[CACHED];

    static {
        java.util.Arrays.fill(CACHE, new Cached(Long.MIN_VALUE, null));
    }

    private HttpDate() {
    }

    /**
     * {@code epochMillis} as IMF-fixdate, to the second (milliseconds are dropped, rounding down).
     * Instants before year 1 or after year 9999 are clamped to those years' ends, since the format
     * has exactly four year digits.
     */
    public static String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int slot = (int) (second ^ (second >>> 4)) & (CACHED - 1);
        // a racy read is safe: a Cached is immutable (final fields), at worst a slot is formatted twice
        Cached c = CACHE[slot];
        if (c.second == second) {
            return c.text;
        }
        String text = formatSecond(Math.max(MIN_SECOND, Math.min(MAX_SECOND, second)));
        CACHE[slot] = new Cached(second, text);
        return text;
    }

    /**
     * The instant an HTTP date denotes, in epoch milliseconds (a whole second), or -1 if
     * {@code value} is not an HTTP date in one of the three forms.
     */
    public static long parse(String value) {
        if (value == null) {
            return -1;
        }
        int n = value.length();
        if (n == 29 && value.charAt(3) == ',') {
            return imfFixdate(value);
        }
        if (n == 24 && value.charAt(3) == ' ') {
            return asctime(value);
        }
        int comma = value.indexOf(',');
        if (comma >= 6 && comma <= 9 && n == comma + 24) {
            return rfc850(value, comma);
        }
        return -1;
    }

    private static String formatSecond(long second) {
        long day = Math.floorDiv(second, 86400L);
        int secOfDay = (int) Math.floorMod(second, 86400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] b = new char[29];
        // 1970-01-01 was a Thursday.
        DAYS[(int) Math.floorMod(day + 4, 7L)].getChars(0, 3, b, 0);
        b[3] = ',';
        b[4] = ' ';
        two(b, 5, date.getDayOfMonth());
        b[7] = ' ';
        MONTHS[date.getMonthValue() - 1].getChars(0, 3, b, 8);
        b[11] = ' ';
        int year = date.getYear();
        two(b, 12, year / 100);
        two(b, 14, year % 100);
        b[16] = ' ';
        two(b, 17, secOfDay / 3600);
        b[19] = ':';
        two(b, 20, secOfDay / 60 % 60);
        b[22] = ':';
        two(b, 23, secOfDay % 60);
        b[25] = ' ';
        b[26] = 'G';
        b[27] = 'M';
        b[28] = 'T';
        return new String(b);
    }

    private static void two(char[] b, int at, int v) {
        b[at] = (char) ('0' + v / 10);
        b[at + 1] = (char) ('0' + v % 10);
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static long imfFixdate(String v) {
        if (indexOf(DAYS, v, 0) < 0 || v.charAt(4) != ' ' || v.charAt(7) != ' ' || v.charAt(11) != ' '
                || v.charAt(16) != ' ' || !v.startsWith("GMT", 26) || v.charAt(25) != ' ') {
            return -1;
        }
        int day = digits(v, 5, 2);
        int month = indexOf(MONTHS, v, 8) + 1;
        int year = digits(v, 12, 4);
        return toMillis(year, month, day, v, 17);
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}; {@code comma} is the index of the ','. */
    private static long rfc850(String v, int comma) {
        int dayName = indexOf(LONG_DAYS, v, 0);
        if (dayName < 0 || LONG_DAYS[dayName].length() != comma || v.charAt(comma + 1) != ' '
                || v.charAt(comma + 4) != '-' || v.charAt(comma + 8) != '-' || v.charAt(comma + 11) != ' '
                || v.charAt(comma + 20) != ' ' || !v.startsWith("GMT", comma + 21)) {
            return -1;
        }
        int day = digits(v, comma + 2, 2);
        int month = indexOf(MONTHS, v, comma + 5) + 1;
        int yy = digits(v, comma + 9, 2);
        if (yy < 0) {
            return -1;
        }
        // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past century.
        int thisYear = LocalDate.ofEpochDay(Math.floorDiv(System.currentTimeMillis(), 86_400_000L)).getYear();
        int year = thisYear - Math.floorMod(thisYear, 100) + yy;
        if (year > thisYear + 50) {
            year -= 100;
        }
        return toMillis(year, month, day, v, comma + 12);
    }

    /** {@code Sun Nov  6 08:49:37 1994}: day as two digits or SP and one digit. */
    private static long asctime(String v) {
        if (indexOf(DAYS, v, 0) < 0 || v.charAt(7) != ' ' || v.charAt(10) != ' ' || v.charAt(19) != ' ') {
            return -1;
        }
        int month = indexOf(MONTHS, v, 4) + 1;
        int day = v.charAt(8) == ' ' ? digits(v, 9, 1) : digits(v, 8, 2);
        int year = digits(v, 20, 4);
        return toMillis(year, month, day, v, 11);
    }

    /** Reads {@code HH:MM:SS} at {@code t} and combines it with the date; -1 if anything is out of range. */
    private static long toMillis(int year, int month, int day, String v, int t) {
        if (v.charAt(t + 2) != ':' || v.charAt(t + 5) != ':') {
            return -1;
        }
        int hour = digits(v, t, 2);
        int minute = digits(v, t + 3, 2);
        int second = digits(v, t + 6, 2);
        if (year < 0 || month <= 0 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return -1;
        }
        // second 60 is a leap second (RFC 9110 allows it); it lands on the next minute's 00.
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String v, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Which of {@code names} starts at {@code at} in {@code v} (exact case), or -1. */
    private static int indexOf(String[] names, String v, int at) {
        for (int i = 0; i < names.length; i++) {
            if (v.startsWith(names[i], at)) {
                return i;
            }
        }
        return -1;
    }
}
