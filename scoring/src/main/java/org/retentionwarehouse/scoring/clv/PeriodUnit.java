package org.retentionwarehouse.scoring.clv;

import java.util.Locale;

/**
 * The time unit in which recency, age and model horizons are measured. Transactions are always
 * counted per calendar day; a week is seven days, so week-unit values are day counts divided by 7
 * (FHL 2005 measure CDNOW in such weeks: 1997-01-01 to 1997-09-30 is 272 days = 38.86 weeks).
 */
public enum PeriodUnit {
    DAY(1),
    WEEK(7);

    private final int days;

    PeriodUnit(int days) {
        this.days = days;
    }

    /** A span of whole days expressed in this unit. */
    public double fromDays(long days) {
        return days / (double) this.days;
    }

    /** Parses {@code day} or {@code week} (any case), as a command line gives it. */
    public static PeriodUnit parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time unit must be day or week, not '" + text + "'", e);
        }
    }
}
