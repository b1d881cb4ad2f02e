package org.retentionwarehouse.warehouse.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a piece of a night with some of the session's SQL settings changed, and restores them after:
 * for settings that suit one stage's queries and would cost the rest of the night.
 */
public final class SessionSettings {

    /**
     * Whether Spark compresses the frames it caches. To choose an encoding it first looks every value
     * of every column up in a dictionary, boxed: about 5 % of a million customers' scoring night's
     * CPU, whose keys and figures are nearly all distinct (BENCHMARKS.md).
     */
    public static final String COMPRESSED_CACHE = "spark.sql.inMemoryColumnarStorage.compressed";

    private SessionSettings() {
    }

    /**
     * {@code work}'s result, computed with {@code settings} in force. A cache takes the settings in
     * force when it is first computed, not when it is declared: {@code work} should compute its caches.
     */
    public static <T> T with(SparkSession spark, Map<String, String> settings, Supplier<T> work) {
        // A setting the session did not hold before is unset again after, not set to a default
        // (getOption would give a registered setting's default as though it had been set).
        Map<String, Optional<String>> before = new HashMap<>();
        settings.forEach((key, value) -> {
            before.put(key, spark.conf().contains(key) ? Optional.of(spark.conf().get(key)) : Optional.empty());
            spark.conf().set(key, value);
        });
        try {
            return work.get();
        } finally {
            before.forEach((key, value) -> value.ifPresentOrElse(v -> spark.conf().set(key, v), () -> spark.conf().unset(key)));
        }
    }

    /** As {@link #with(SparkSession, Map, Supplier)}, for work without a result. */
    public static void with(SparkSession spark, Map<String, String> settings, Runnable work) {
        with(spark, settings, () -> {
            work.run();
            return null;
        });
    }
}
