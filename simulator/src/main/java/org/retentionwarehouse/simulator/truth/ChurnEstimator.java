package org.retentionwarehouse.simulator.truth;

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
 * <p>Two oracles come out of it. The true probability starts from the full state at the cutoff and
 * so knows whether the person has already left the group for good, which nothing in any data
 * shows: a quarter of the active customers have, three quarters of the churners. The probability
 * given the history starts from the state at the end of the month of the person's last visit or
 * purchase and keeps only the simulations that stay silent until the cutoff, as the person did: it
 * still knows the latent traits of that month, but no longer what happened in the silence. It bounds
 * what a model of the warehouse's history could do; the records show those traits only through a
 * few noisy traces, so no such model reaches it.
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
            FirstActivity first = simulate(atCutoff, cutoffDay, Seeds.Purpose.CHURN_REPLICATE, cutoffIndex, r);
            if (first.day == FirstActivity.NONE) {
                churned++;
            }
        }
        return churned / (double) replicates;
    }

    /**
     * P(no visit and no purchase in {@code (cutoff, cutoff + 365]}) given {@code lastActiveMonthEnd},
     * the state at the end of the month (tick) of the last visit or purchase on or before the cutoff,
     * and no visit or purchase from then until the cutoff. When not one simulation in
     * {@value #ATTEMPTS_PER_REPLICATE} times the replicates stays that silent, the silence itself is
     * next to impossible for a person still with the group: the probability is 1.
     */
    public double probabilityGivenHistory(PersonState lastActiveMonthEnd, int cutoffIndex, int cutoffDay) {
        if (lastActiveMonthEnd.defected()) {
            return 1.0;
        }
        int silent = 0;
        int churned = 0;
        for (int attempt = 0; attempt < replicates * ATTEMPTS_PER_REPLICATE && silent < replicates; attempt++) {
            FirstActivity first = simulate(lastActiveMonthEnd, cutoffDay, Seeds.Purpose.HISTORY_REPLICATE, cutoffIndex,
                    attempt);
            if (first.day > cutoffDay) {
                silent++;
                if (first.day == FirstActivity.NONE) {
                    churned++;
                }
            }
        }
        return silent == 0 ? 1.0 : churned / (double) silent;
    }

    /** Simulates a copy of {@code from} until the first activity or the end of the churn window. */
    private FirstActivity simulate(PersonState from, int cutoffDay, Seeds.Purpose purpose, int cutoffIndex, int replicate) {
        FirstActivity watch = new FirstActivity();
        life.advance(from.copy(), cutoffDay + Timeline.CHURN_WINDOW_DAYS + 1,
                Seeds.stream(seed, purpose, from.person().index(), cutoffIndex, replicate), watch);
        return watch;
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
