package org.retentionwarehouse.simulator.dialect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.retentionwarehouse.simulator.model.CanonicalCode;
import org.retentionwarehouse.simulator.model.Money;
import org.retentionwarehouse.simulator.model.RawText;

/** Turns canonical values into a dialect's text: codes, booleans, dates, amounts. Thread-safe. */
final class ValueFormatter {

    /** Stores are in China; every timestamp carries the +08:00 offset. */
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final Dialect dialect;
    private final boolean dateOnly;
    /** First day of the cache: nobody simulated was born before it. */
    private static final long CACHE_FROM = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int CACHE_DAYS = 300 * 366;

    /**
     * Date-only patterns are formatted once per day, as formatting would otherwise dominate writing.
     * Racing threads may both fill a slot with equal immutable strings, which is harmless.
     */
    private final String[] dayCache;

    ValueFormatter(Dialect dialect) {
        this.dialect = dialect;
        LocalDate probe = LocalDate.of(2020, 1, 2);
        this.dateOnly = formatTime(probe.atStartOfDay()).equals(formatTime(probe.atTime(13, 47, 59)));
        this.dayCache = dateOnly ? new String[CACHE_DAYS] : null;
    }

    /** Text of a value, or {@code null} for an empty value. */
    String format(Object value, ColumnLayout column) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof RawText raw) {
            return raw.text();
        }
        if (value instanceof CanonicalCode code) {
            return column.toSource().get(code.code());
        }
        if (value instanceof Boolean b) {
            return b ? dialect.trueValue() : dialect.falseValue();
        }
        if (value instanceof Money money) {
            return money(money);
        }
        if (value instanceof LocalDateTime time) {
            return date(time);
        }
        if (value instanceof LocalDate day) {
            return date(day.atStartOfDay());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        throw new IllegalArgumentException("cannot format " + value.getClass().getName() + " for " + column.canonical());
    }

    /** An amount with the dialect's decimal and grouping separators and two decimals. */
    String money(Money money) {
        long cents = Math.abs(money.cents());
        String whole = Long.toString(cents / 100);
        StringBuilder out = new StringBuilder(whole.length() + 8);
        if (money.cents() < 0) {
            out.append('-');
        }
        String grouping = dialect.groupingSeparator();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && !grouping.isEmpty() && (whole.length() - i) % 3 == 0) {
                out.append(grouping);
            }
            out.append(whole.charAt(i));
        }
        long fraction = cents % 100;
        out.append(dialect.decimalSeparator()).append(fraction < 10 ? "0" : "").append(fraction);
        return out.toString();
    }

    private String date(LocalDateTime time) {
        long slot = time.toLocalDate().toEpochDay() - CACHE_FROM;
        if (!dateOnly || slot < 0 || slot >= CACHE_DAYS) {
            return formatTime(time);
        }
        String text = dayCache[(int) slot];
        if (text == null) {
            text = formatTime(time);
            dayCache[(int) slot] = text;
        }
        return text;
    }

    private String formatTime(LocalDateTime time) {
        return dialect.dateFormat().format(time.atOffset(CHINA));
    }
}
