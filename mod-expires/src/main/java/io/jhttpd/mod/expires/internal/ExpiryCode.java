package io.jhttpd.mod.expires.internal;

import io.jhttpd.api.ConfigException;
import java.util.Locale;

/**
 * When a response expires, as {@code ExpiresDefault} and {@code ExpiresByType} write it: Apache's
 * short form ({@code A3600}: an hour after the access, {@code M86400}: a day after the file's
 * modification) or the long one ({@code "access plus 1 month 2 days"}, {@code "modification plus 5
 * hours"}; {@code now} is {@code access}). Units as Apache counts them: a year is 365 days, a
 * month 30.
 */
record ExpiryCode(boolean fromModification, long seconds) {

    static ExpiryCode parse(String code) throws ConfigException {
        String c = code.trim();
        if (c.length() > 1 && (c.charAt(0) == 'A' || c.charAt(0) == 'M') && c.substring(1).chars().allMatch(Character::isDigit)) {
            return new ExpiryCode(c.charAt(0) == 'M', Long.parseLong(c.substring(1)));
        }
        String[] words = c.toLowerCase(Locale.ROOT).split("\\s+");
        boolean modification;
        switch (words[0]) {
            case "access":
            case "now":
                modification = false;
                break;
            case "modification":
                modification = true;
                break;
            default:
                throw new ConfigException("bad expires code, unrecognised <base> '" + words[0] + "'");
        }
        int i = 1;
        if (i < words.length && words[i].equals("plus")) {
            i++;
        }
        if (i >= words.length) {
            throw new ConfigException("bad expires code, missing <num> <type> after '" + code + "'");
        }
        long total = 0;
        while (i < words.length) {
            long num;
            try {
                num = Long.parseLong(words[i]);
            } catch (NumberFormatException e) {
                throw new ConfigException("bad expires code, numeric value expected <num> '" + words[i] + "'");
            }
            if (i + 1 >= words.length) {
                throw new ConfigException("bad expires code, missing <type>");
            }
            total += num * unit(words[i + 1]);
            i += 2;
        }
        return new ExpiryCode(modification, total);
    }

    private static long unit(String word) throws ConfigException {
        String w = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        switch (w) {
            case "year":
                return 60L * 60 * 24 * 365;
            case "month":
                return 60L * 60 * 24 * 30;
            case "week":
                return 60L * 60 * 24 * 7;
            case "day":
                return 60L * 60 * 24;
            case "hour":
                return 60L * 60;
            case "minute":
                return 60;
            case "second":
                return 1;
            default:
                throw new ConfigException("bad expires code, unrecognised <type> '" + word + "'");
        }
    }
}
