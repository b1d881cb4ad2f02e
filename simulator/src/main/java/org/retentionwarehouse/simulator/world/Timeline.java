package org.retentionwarehouse.simulator.world;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The run's calendar in epoch days.
 *
 * @param historyStart  first day the source systems hold events of
 * @param firstNight    business date of the initial full extract
 * @param lastNight     last business date delivered
 * @param cutoffs       churn-truth cutoffs, ascending
 * @param earliestEntry earliest day a customer may have bought their first car (before history: migrated)
 * @param horizon       exclusive end of every simulated life (one year after the last cutoff at least)
 */
public record Timeline(int historyStart, int firstNight, int lastNight, int[] cutoffs, int earliestEntry,
        int horizon) {

    /** Years before the history start in which customers may already have bought their car. */
    public static final int PRE_HISTORY_YEARS = 5;

    /** Days after a cutoff in which a visit or purchase means "not churned". */
    public static final int CHURN_WINDOW_DAYS = 365;

    /** Builds the calendar from dates. */
    public static Timeline of(LocalDate historyStart, LocalDate firstNight, LocalDate lastNight,
            List<LocalDate> cutoffs) {
        int[] days = cutoffs.stream().mapToInt(d -> (int) d.toEpochDay()).sorted().toArray();
        int last = (int) lastNight.toEpochDay();
        int lastCutoff = days.length == 0 ? last : days[days.length - 1];
        return new Timeline((int) historyStart.toEpochDay(), (int) firstNight.toEpochDay(), last, days,
                (int) historyStart.minusYears(PRE_HISTORY_YEARS).toEpochDay(),
                Math.max(last, lastCutoff + CHURN_WINDOW_DAYS) + 1);
    }

    /**
     * The delivery night an event of {@code day} is exported in: 0 for the initial full extract
     * (everything up to the first night), {@code day - firstNight} afterwards, -1 when the event
     * happens after the last night and is never delivered.
     */
    public int nightOf(int day) {
        if (day > lastNight) {
            return -1;
        }
        return Math.max(0, day - firstNight);
    }

    /** Number of delivery nights including the initial one. */
    public int nights() {
        return lastNight - firstNight + 1;
    }

    /** The business date of a night. */
    public LocalDate businessDate(int night) {
        return LocalDate.ofEpochDay(firstNight + night);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t && historyStart == t.historyStart && firstNight == t.firstNight
                && lastNight == t.lastNight && Arrays.equals(cutoffs, t.cutoffs) && earliestEntry == t.earliestEntry
                && horizon == t.horizon;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cutoffs) + firstNight;
    }

    @Override
    public String toString() {
        return "Timeline[" + LocalDate.ofEpochDay(historyStart) + ".." + LocalDate.ofEpochDay(lastNight) + ", cutoffs "
                + Arrays.toString(cutoffs) + "]";
    }
}
