package org.retentionwarehouse.simulator;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate. Everything generated is a function of these settings alone.
 *
 * @param seed            seed of every random stream
 * @param stores          number of stores, 1..999
 * @param customers       number of customers (prospects come on top, a fifth as many), 50..2,000,000
 * @param historyStart    first day the source systems hold events of; at least a year before {@code firstNight}
 * @param firstNight      business date of the initial full extract
 * @param nights          nightly deltas after the first night (0..400)
 * @param badRowRate      share of data rows that get a malformed extra copy, 0..0.1
 * @param lateRate        probability that a store's nightly delta arrives one or two days late, 0..1
 * @param cutoffs         dates of the churn truth, between {@code historyStart} and {@link #lastNight()}
 * @param churnReplicates Monte Carlo simulations per person and cutoff for the true churn probability
 */
public record SimulationSettings(long seed, int stores, int customers, LocalDate historyStart, LocalDate firstNight,
        int nights, double badRowRate, double lateRate, List<LocalDate> cutoffs, int churnReplicates) {

    /** Largest supported number of customers (ids, phones and VINs are sized for it). */
    public static final int MAX_CUSTOMERS = 2_000_000;
    /** Largest supported number of nightly deltas. */
    public static final int MAX_NIGHTS = 400;

    /** Validates the settings. */
    public SimulationSettings {
        require(stores >= 1 && stores <= 999, "stores must be between 1 and 999: " + stores);
        require(customers >= 50 && customers <= MAX_CUSTOMERS,
                "customers must be between 50 and " + MAX_CUSTOMERS + ": " + customers);
        Objects.requireNonNull(historyStart, "historyStart");
        Objects.requireNonNull(firstNight, "firstNight");
        require(!historyStart.plusYears(1).isAfter(firstNight),
                "historyStart (" + historyStart + ") must be at least one year before firstNight (" + firstNight + ")");
        require(nights >= 0 && nights <= MAX_NIGHTS, "nights must be between 0 and " + MAX_NIGHTS + ": " + nights);
        require(badRowRate >= 0 && badRowRate <= 0.1, "badRowRate must be between 0 and 0.1: " + badRowRate);
        require(lateRate >= 0 && lateRate <= 1, "lateRate must be between 0 and 1: " + lateRate);
        Objects.requireNonNull(cutoffs, "cutoffs");
        require(cutoffs.stream().noneMatch(Objects::isNull), "cutoffs must not contain null");
        cutoffs = List.copyOf(cutoffs);
        require(new HashSet<>(cutoffs).size() == cutoffs.size(), "cutoffs must be distinct: " + cutoffs);
        LocalDate lastNight = firstNight.plusDays(nights);
        for (LocalDate cutoff : cutoffs) {
            require(!cutoff.isAfter(lastNight), "cutoff " + cutoff + " is after the last night " + lastNight);
            require(!cutoff.isBefore(historyStart), "cutoff " + cutoff + " is before historyStart " + historyStart);
        }
        require(churnReplicates >= 1 && churnReplicates <= 100_000,
                "churnReplicates must be between 1 and 100000: " + churnReplicates);
    }

    /**
     * The demo data set: 5 stores, 3,000 customers, three years of history before the first night
     * (2026-11-01), three nightly deltas, churn truth a year before and at the last night.
     */
    public static SimulationSettings demo(long seed) {
        LocalDate firstNight = LocalDate.of(2026, 11, 1);
        int nights = 3;
        LocalDate lastNight = firstNight.plusDays(nights);
        return new SimulationSettings(seed, 5, 3000, firstNight.minusYears(3), firstNight, nights, 0.01, 0.1,
                List.of(lastNight.minusDays(365), lastNight), 64);
    }

    /** Business date of the last delivery: {@code firstNight + nights}. */
    public LocalDate lastNight() {
        return firstNight.plusDays(nights);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
