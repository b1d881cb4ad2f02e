package org.retentionwarehouse.simulator.truth;

import org.retentionwarehouse.simulator.behaviour.Life;
import org.retentionwarehouse.simulator.behaviour.LifeListener;
import org.retentionwarehouse.simulator.behaviour.PersonState;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * True churn probability at a cutoff: the share of independent forward simulations of the next
 * year, each from a copy of the person's full state at the cutoff and with its own random stream,
 * in which the person neither visits a workshop nor buys a vehicle. A replicate stops at the first
 * visit or purchase, so loyal customers cost little.
 */
public final class ChurnEstimator {

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
            ActivityWatch watch = new ActivityWatch();
            life.advance(atCutoff.copy(), cutoffDay + Timeline.CHURN_WINDOW_DAYS + 1,
                    Seeds.stream(seed, Seeds.Purpose.CHURN_REPLICATE, atCutoff.person().index(), cutoffIndex, r),
                    watch);
            if (!watch.seen) {
                churned++;
            }
        }
        return churned / (double) replicates;
    }

    /** Stops a replicate at the first activity. */
    private static final class ActivityWatch implements LifeListener {
        boolean seen;

        @Override
        public boolean stopRequested() {
            return seen;
        }

        @Override
        public void activity(int day) {
            seen = true;
        }
    }
}
