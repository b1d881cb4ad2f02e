package org.retentionwarehouse.scoring.clv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns a date field into a calendar day. The default recognises both {@code yyyyMMdd} (CDNOW)
 * and ISO {@code yyyy-MM-dd}, the latter optionally followed by a time of day, which is dropped:
 * the models count transactions per day. Any other layout needs an explicit
 * {@link DateTimeFormatter} pattern.
 */
public final class DateParser {

    private final String pattern;
    private final DateTimeFormatter formatter;

    private DateParser(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /** Recognises {@code yyyyMMdd} and {@code yyyy-MM-dd[ time]} value by value. */
    public static DateParser detecting() {
        return new DateParser("yyyyMMdd or yyyy-MM-dd", null);
    }

    /** Parses with a {@link DateTimeFormatter} pattern such as {@code dd.MM.yyyy}. */
    public static DateParser ofPattern(String pattern) {
        return new DateParser(pattern, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    /**
     * @throws DateTimeException if the text is not a valid date in the expected layout; the
     *         message names the layout
     */
    public LocalDate parse(String text) {
        try {
            return formatter != null ? LocalDate.parse(text, formatter) : parseBuiltIn(text);
        } catch (DateTimeException e) {
            throw new DateTimeException("bad date '" + text + "' (expected " + pattern + ")", e);
        }
    }

    // Hand-parsed rather than through DateTimeFormatter: this runs once per row of multi-million-row logs.
    private static LocalDate parseBuiltIn(String text) {
        if (text.length() == 8 && isDigits(text, 0, 8)) {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 4, 6, 10),
                    Integer.parseInt(text, 6, 8, 10));
        }
        boolean iso = text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && isDigits(text, 0, 4) && isDigits(text, 5, 7) && isDigits(text, 8, 10)
                && (text.length() == 10 || text.charAt(10) == 'T' || text.charAt(10) == ' ');
        if (!iso) {
            throw new DateTimeException("unrecognised layout");
        }
        return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                Integer.parseInt(text, 8, 10, 10));
    }

    private static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The layouts this parser accepts. */
    @Override
    public String toString() {
        return pattern;
    }
}
