package org.retentionwarehouse.warehouse.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * Builds the one Spark session a run uses, with the Iceberg catalog {@value #CATALOG} pointing at
 * the warehouse. Embedded ({@code local[*]}) by default. A Spark setting given to the JVM
 * ({@code spark-submit --conf}, or {@code -Dspark....} in the launcher's JVM options) wins over
 * {@code retention.yaml} and these defaults: the session builder's own settings would otherwise
 * override what {@code spark-submit} passed.
 */
public final class SparkSessionFactory {

    /** Name of the Iceberg catalog every table lives in. */
    public static final String CATALOG = "rw";

    private SparkSessionFactory() {
    }

    public static SparkSession create(DataHome home, RetentionSettings settings) {
        SparkSession.Builder builder = SparkSession.builder().appName("retention-warehouse");
        conf(home, settings, System.getProperties()).forEach(builder::config);
        return builder.getOrCreate();
    }

    /**
     * The settings the session is built with: the defaults, then {@code retention.yaml}'s, less every
     * key the JVM was given ({@code given}, the system properties), which Spark reads itself.
     */
    static Map<String, String> conf(DataHome home, RetentionSettings settings, Properties given) {
        RetentionSettings.Spark spark = settings.spark();
        String prefix = "spark.sql.catalog." + CATALOG;
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        conf.put(prefix + ".type", spark.catalogType());
        conf.put(prefix + ".warehouse", spark.warehouseUri().isBlank() ? home.warehouse().toUri().toString() : spark.warehouseUri());
        conf.put("spark.sql.shuffle.partitions", String.valueOf(spark.shufflePartitions()));
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.sql.adaptive.enabled", "true");
        // Lets adaptive execution coalesce the shuffle partitions of a query being cached, as it
        // does elsewhere. Off, every cached intermediate (each write's rows and changes) kept all
        // 8 shuffle partitions, and a delta night of a few thousand rows ran half its tasks on
        // empty or one-record partitions.
        conf.put("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
        // A night runs a few hundred small queries of a few dozen shapes. Spark's default
        // cache of 100 compiled query classes thrashed: every night recompiled and
        // re-JITed them (5,600 classes unloaded over 7 small nights, 35% of the wall time).
        conf.put("spark.sql.codegen.cache.maxEntries", "2000");
        // Per-session class loaders on the executors are for Spark Connect's tenants; one
        // job adding no artifacts only pays for them in class lookups.
        conf.put("spark.sql.artifact.isolation.enabled", "false");
        // Every sort, hash aggregate and broadcast hash relation takes at least one page of
        // Tungsten memory, 64 MB by default in a heap of 4 GB or more, however few rows it holds; a
        // broadcast relation's page lives as long as the broadcast. On the heap a new page is an
        // array the JVM zeroes: a million customers' delta night peaked at 9.2 GB resident against
        // 6.6 GB with 4 MB pages, and its identity took 54-58 s against 37-39 s (BENCHMARKS.md, "Stop 45").
        conf.put("spark.buffer.pageSize", "4m");
        if (!spark.catalogUri().isBlank()) {
            conf.put(prefix + ".uri", spark.catalogUri());
        }
        conf.put("spark.master", spark.master());
        if (spark.master().startsWith("local") && given.getProperty("spark.master") == null) {
            // Hadoop's local file system forks chmod for every file it writes; this one does not.
            // Only when embedded, where the driver's class path is the executors' too; a cluster keeps Hadoop's own.
            conf.put("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
        }
        conf.putAll(spark.extra());
        conf.keySet().removeIf(key -> given.getProperty(key) != null);
        return conf;
    }
}
