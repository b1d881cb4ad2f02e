package org.retentionwarehouse.simulator.random;

import java.util.List;
import java.util.random.RandomGenerator;

/** Random draws from the distributions the behaviour model needs. */
public final class Draws {

    private Draws() {
    }

    /** Uniform integer in {@code [low, high]}. */
    public static int between(RandomGenerator rng, int low, int high) {
        return low + rng.nextInt(high - low + 1);
    }

    /** Uniform double in {@code [low, high)}. */
    public static double uniform(RandomGenerator rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    /** A uniformly chosen element. */
    public static <T> T pick(RandomGenerator rng, List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    /** Log-normal draw given its median and the standard deviation of its logarithm. */
    public static double logNormal(RandomGenerator rng, double median, double sigma) {
        return median * Math.exp(sigma * rng.nextGaussian());
    }

    /** Beta(a, b) draw as a ratio of two gamma draws. */
    public static double beta(RandomGenerator rng, double a, double b) {
        double x = gamma(rng, a);
        double y = gamma(rng, b);
        return x / (x + y);
    }

    /** Gamma(shape, 1) draw (Marsaglia and Tsang; shapes below one are boosted). */
    public static double gamma(RandomGenerator rng, double shape) {
        if (shape < 1.0) {
            return gamma(rng, shape + 1.0) * Math.pow(rng.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** Index drawn from relative weights. */
    public static int weighted(RandomGenerator rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return weighted(rng, weights, total);
    }

    /** Index drawn from relative weights whose sum is known. */
    public static int weighted(RandomGenerator rng, double[] weights, double total) {
        double target = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Clamps {@code value} into {@code [low, high]}. */
    public static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
