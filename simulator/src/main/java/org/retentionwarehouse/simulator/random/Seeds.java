package org.retentionwarehouse.simulator.random;

import java.util.SplittableRandom;

/**
 * Derives reproducible, independent random streams from the run seed, a purpose and a path of numbers.
 *
 * <p>Every stream the simulator uses (per store, per person, per Monte Carlo replicate...) is derived
 * here instead of being split off a shared generator, so the output does not depend on the order in
 * which worker threads happen to run.
 */
public final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** What a stream is used for; streams of different purposes never coincide. */
    public enum Purpose {
        STORE, PERSON, LIFE, PRESENTATION, CHURN_REPLICATE, DELIVERY, MALFORMED, SOURCE_IDS, PROCESSING_ORDER, IDENTITY,
        HISTORY_REPLICATE, RECORDS_REPLICATE
    }

    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche. */
    public static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit key for the given purpose and path. */
    public static long derive(long seed, Purpose purpose, long... path) {
        long h = mix(seed + GOLDEN * (purpose.ordinal() + 1));
        for (long part : path) {
            h = mix(h ^ mix(part + GOLDEN));
        }
        return h;
    }

    /** A fresh generator for the given purpose and path. */
    public static SplittableRandom stream(long seed, Purpose purpose, long... path) {
        return new SplittableRandom(derive(seed, purpose, path));
    }
}
