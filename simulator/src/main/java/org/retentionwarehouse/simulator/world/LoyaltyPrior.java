package org.retentionwarehouse.simulator.world;

import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.random.Draws;

/**
 * The Beta distribution a person's initial latent loyalty is drawn from: companies are a little
 * more loyal than private buyers. The oracle given the records weighs its loyalty grid by it.
 */
public record LoyaltyPrior(double alpha, double beta) {

    private static final LoyaltyPrior COMPANY = new LoyaltyPrior(3.0, 2.0);
    private static final LoyaltyPrior PRIVATE = new LoyaltyPrior(2.2, 1.6);

    /** The prior of a kind of person (only companies differ). */
    public static LoyaltyPrior of(PersonKind kind) {
        return kind == PersonKind.COMMERCIAL ? COMPANY : PRIVATE;
    }

    /** One draw. */
    public double draw(RandomGenerator rng) {
        return Draws.beta(rng, alpha, beta);
    }

    /** The log density at {@code x} in (0, 1), up to a constant. */
    public double logDensity(double x) {
        return (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x);
    }
}
