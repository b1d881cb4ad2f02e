package org.retentionwarehouse.simulator.behaviour;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Boundaries of the simulation's ticks: calendar months, also split at fixed breakpoints (the first
 * night, the cutoffs). The main timeline and every Monte Carlo replicate use the same boundaries, so
 * a replicate simulates exactly the same process as the main timeline does after a cutoff.
 */
public final class TickCalendar {

    private final int from;
    /** For each day from {@code from}: the first boundary after it (looked up for every tick of every life). */
    private final int[] nextBoundary;

    /** Boundaries covering {@code [from, to)} plus the breakpoints. */
    public TickCalendar(int from, int to, int... breakpoints) {
        IntStream.Builder all = IntStream.builder();
        for (LocalDate month = LocalDate.ofEpochDay(from).withDayOfMonth(1); month.toEpochDay() <= to;
                month = month.plusMonths(1)) {
            all.add((int) month.plusMonths(1).toEpochDay());
        }
        Arrays.stream(breakpoints).forEach(all::add);
        int[] boundaries = all.build().sorted().distinct().toArray();
        this.from = from;
        this.nextBoundary = new int[Math.max(0, to - from)];
        int b = 0;
        for (int day = from; day < to; day++) {
            while (b < boundaries.length && boundaries[b] <= day) {
                b++;
            }
            nextBoundary[day - from] = b < boundaries.length ? boundaries[b] : Integer.MAX_VALUE;
        }
    }

    /** End (exclusive) of the tick starting on {@code day}, never beyond {@code until}. */
    int tickEnd(int day, int until) {
        int i = day - from;
        if (i < 0 || i >= nextBoundary.length) {
            throw new IllegalArgumentException("day " + day + " outside the simulated calendar");
        }
        return Math.min(nextBoundary[i], until);
    }
}
