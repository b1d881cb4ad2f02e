package org.retentionwarehouse.simulator.truth;

import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.behaviour.Life;
import org.retentionwarehouse.simulator.behaviour.LifeListener;
import org.retentionwarehouse.simulator.behaviour.PersonState;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * Churn probabilities at a cutoff by independent forward simulations, each from a copy of a
 * person's state and with its own random stream: the share of them in which the person neither
 * visits a workshop nor buys a vehicle in the year after the cutoff. A simulation stops at the
 * first visit or purchase, so loyal customers cost little.
 *
 * <p>Three oracles come out of it. The true probability starts from the full state at the cutoff and
 * so knows whether the person has already left the group for good, which nothing in any data
 * shows: a quarter of the active customers have, three quarters of the churners. The probability
 * given the history starts from the state at the end of the month of the person's last visit or
 * purchase, with what happened after that visit that no record shows drawn again (a defection, a
 * maintenance booked or let slip, an inspection; {@link Life#forgetUnrecordedDecisions}), and keeps
 * only the simulations that stay silent until the cutoff, as the person did: it no longer knows
 * what happened in the silence, but still knows the person's latent loyalty, which
 * the records show only through a few noisy traces. The probability given the records is the same
 * with each simulation's loyalty drawn from what the person's records say of it (of their visits and
 * calls, only those from the first day the records hold on, as earlier ones never reach the
 * warehouse): the best a model of the warehouse's data can do. It knows a little more than the
 * records still: the rest of the state, which they show well, and the loyalty gained or lost since
 * the start, which hangs on the unseen quality of each visit.
 */
public final class ChurnEstimator {

    /** Silent-until-the-cutoff simulations are sought among at most this many per replicate asked for. */
    private static final int ATTEMPTS_PER_REPLICATE = 32;

    private final Life life;
    private final long seed;
    private final int replicates;

    /** Estimator with {@code replicates} forward simulations per person and cutoff. */
    public ChurnEstimator(Life life, long seed, int replicates) {
        this.life = life;
        this.seed = seed;
        this.replicates = replicates;
    }

    /**
     * P(no visit and no purchase in {@code (cutoff, cutoff + 365]}) given the state at the end of the
     * cutoff day, which is left untouched.
     */
    public double probability(PersonState atCutoff, int cutoffIndex, int cutoffDay) {
        if (atCutoff.defected()) {
            return 1.0;
        }
        int churned = 0;
        for (int r = 0; r < replicates; r++) {
            FirstActivity first = new FirstActivity();
            life.advance(atCutoff.forecast(), cutoffDay + Timeline.CHURN_WINDOW_DAYS + 1,
                    Seeds.stream(seed, Seeds.Purpose.CHURN_REPLICATE, atCutoff.person().index(), cutoffIndex, r), first);
            if (first.day == FirstActivity.NONE) {
                churned++;
            }
        }
        return churned / (double) replicates;
    }

    /**
     * P(no visit and no purchase in {@code (cutoff, cutoff + 365]}) given {@code lastActiveMonthEnd},
     * the state at the end of the month (tick) of the last visit or purchase on or before the cutoff,
     * no visit or purchase from then until the cutoff, and, as the records show it, the person still
     * with the group on {@code signOfLifeDay} (the day of their last question to a store) and no
     * question from them after it. When not
     * one simulation in {@value #ATTEMPTS_PER_REPLICATE} times the replicates is that silent, the
     * silence itself is next to impossible for a person still with the group: the probability is 1.
     */
    public double probabilityGivenHistory(PersonState lastActiveMonthEnd, int signOfLifeDay, int cutoffIndex, int cutoffDay) {
        return churnedAfterSilence(lastActiveMonthEnd, signOfLifeDay, cutoffIndex, cutoffDay, false);
    }

    /**
     * As {@link #probabilityGivenHistory}, but each simulation starts from a loyalty drawn from what
     * the person's records up to that month say of it, instead of the person's own: the churn
     * probability given what the warehouse can know.
     */
    public double probabilityGivenRecords(PersonState lastActiveMonthEnd, int signOfLifeDay, int cutoffIndex, int cutoffDay) {
        return churnedAfterSilence(lastActiveMonthEnd, signOfLifeDay, cutoffIndex, cutoffDay, true);
    }

    private double churnedAfterSilence(PersonState lastActiveMonthEnd, int signOfLifeDay, int cutoffIndex, int cutoffDay,
            boolean loyaltyFromRecords) {
        Seeds.Purpose purpose = loyaltyFromRecords ? Seeds.Purpose.RECORDS_REPLICATE : Seeds.Purpose.HISTORY_REPLICATE;
        int silent = 0;
        int churned = 0;
        for (int attempt = 0; attempt < replicates * ATTEMPTS_PER_REPLICATE && silent < replicates; attempt++) {
            SplittableRandom rng = Seeds.stream(seed, purpose, lastActiveMonthEnd.person().index(), cutoffIndex, attempt);
            PersonState from = loyaltyFromRecords ? lastActiveMonthEnd.forecastGivenRecords(rng) : lastActiveMonthEnd.forecast();
            life.forgetUnrecordedDecisions(from, rng);
            FirstActivity first = new FirstActivity();
            if (signOfLifeDay >= from.clock()) {
                life.advance(from, signOfLifeDay + 1, rng, first);
                if (from.defected()) {
                    continue;
                }
            }
            life.advance(from, cutoffDay + 1, rng, first);
            if (from.lastSignOfLifeDay() > signOfLifeDay) {
                continue;
            }
            life.advance(from, cutoffDay + Timeline.CHURN_WINDOW_DAYS + 1, rng, first);
            if (first.day > cutoffDay) {
                silent++;
                if (first.day == FirstActivity.NONE) {
                    churned++;
                }
            }
        }
        return silent == 0 ? 1.0 : churned / (double) silent;
    }

    /** Stops a simulation at the first activity and remembers its day. */
    private static final class FirstActivity implements LifeListener {
        static final int NONE = Integer.MAX_VALUE;
        int day = NONE;

        @Override
        public boolean stopRequested() {
            return day != NONE;
        }

        @Override
        public void activity(int activityDay) {
            if (day == NONE) {
                day = activityDay;
            }
        }
    }
}
