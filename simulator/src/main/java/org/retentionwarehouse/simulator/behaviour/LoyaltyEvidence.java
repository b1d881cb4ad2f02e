package org.retentionwarehouse.simulator.behaviour;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.retentionwarehouse.simulator.random.Draws;
import org.retentionwarehouse.simulator.world.LoyaltyPrior;

/**
 * What a person's records say about their initial latent loyalty: the prior's log density plus the
 * log likelihood of every loyalty-driven outcome the stores record (a maintenance booked or let slip,
 * a repair brought in, a survey score, a call-back refused...), on a grid of initial loyalties. Each
 * outcome is judged at the grid value moved by the loyalty the person has gained or lost since, as
 * the behaviour model moves it. Outcomes the records never show (a repair at an independent shop, a
 * defection, a visit before the records start) enter only through what their absence says, if at all.
 */
final class LoyaltyEvidence {

    private static final int CELLS = 32;
    private static final double[] GRID = new double[CELLS];

    static {
        for (int k = 0; k < CELLS; k++) {
            GRID[k] = (k + 0.5) / CELLS;
        }
    }

    private final double[] logPosterior;

    LoyaltyEvidence(LoyaltyPrior prior) {
        logPosterior = new double[CELLS];
        for (int k = 0; k < CELLS; k++) {
            logPosterior[k] = prior.logDensity(GRID[k]);
        }
    }

    private LoyaltyEvidence(LoyaltyEvidence from) {
        logPosterior = from.logPosterior.clone();
    }

    LoyaltyEvidence copy() {
        return new LoyaltyEvidence(this);
    }

    /**
     * Adds what was recorded: {@code logLikelihood} maps a current loyalty to the log probability of
     * the outcome; {@code drift} is the loyalty gained since the initial one.
     */
    void observe(double drift, DoubleUnaryOperator logLikelihood) {
        for (int k = 0; k < CELLS; k++) {
            logPosterior[k] += logLikelihood.applyAsDouble(current(GRID[k], drift));
        }
    }

    /** An initial loyalty drawn from the posterior: a grid cell by its weight, uniform within it. */
    double draw(SplittableRandom rng) {
        double max = Arrays.stream(logPosterior).max().orElseThrow();
        double[] weights = new double[CELLS];
        double total = 0;
        for (int k = 0; k < CELLS; k++) {
            weights[k] = Math.exp(logPosterior[k] - max);
            total += weights[k];
        }
        int cell = Draws.weighted(rng, weights, total);
        return (cell + rng.nextDouble()) / CELLS;
    }

    /** The loyalty of a person who started at {@code initial} and has since gained {@code drift}. */
    static double current(double initial, double drift) {
        return Rates.boundedLoyalty(initial + drift);
    }
}
