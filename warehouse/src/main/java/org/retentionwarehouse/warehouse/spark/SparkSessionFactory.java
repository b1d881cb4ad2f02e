package org.retentionwarehouse.warehouse.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * Builds the one Spark session a run uses, with the Iceberg catalog {@value #CATALOG} pointing at
 * the warehouse. Embedded ({@code local[*]}) by default; under {@code spark-submit} the master set
 * by the launcher wins.
 */
public final class SparkSessionFactory {

    /** Name of the Iceberg catalog every table lives in. */
    public static final String CATALOG = "rw";

    private SparkSessionFactory() {
    }

    public static SparkSession create(DataHome home, RetentionSettings settings) {
        RetentionSettings.Spark spark = settings.spark();
        String prefix = "spark.sql.catalog." + CATALOG;
        SparkSession.Builder builder = SparkSession.builder()
                .appName("retention-warehouse")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
                .config(prefix + ".type", spark.catalogType())
                .config(prefix + ".warehouse", spark.warehouseUri().isBlank()
                        ? home.warehouse().toUri().toString() : spark.warehouseUri())
                .config("spark.sql.shuffle.partitions", spark.shufflePartitions())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.ui.showConsoleProgress", false)
                .config("spark.sql.adaptive.enabled", true)
                // Lets adaptive execution coalesce the shuffle partitions of a query being cached, as it
                // does elsewhere. Off, every cached intermediate (each write's rows and changes) kept all
                // 8 shuffle partitions, and a delta night of a few thousand rows ran half its tasks on
                // empty or one-record partitions.
                .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", true)
                // A night runs a few hundred small queries of a few dozen shapes. Spark's default
                // cache of 100 compiled query classes thrashed: every night recompiled and
                // re-JITed them (5,600 classes unloaded over 7 small nights, 35% of the wall time).
                .config("spark.sql.codegen.cache.maxEntries", 2000)
                // Per-session class loaders on the executors are for Spark Connect's tenants; one
                // job adding no artifacts only pays for them in class lookups.
                .config("spark.sql.artifact.isolation.enabled", false);
        if (!spark.catalogUri().isBlank()) {
            builder.config(prefix + ".uri", spark.catalogUri());
        }
        if (System.getProperty("spark.master") == null) {
            builder.master(spark.master());
            if (spark.master().startsWith("local")) {
                // Hadoop's local file system forks chmod for every file it writes; this one does not.
                // Only when embedded, where the driver's class path is the executors' too; a cluster keeps Hadoop's own.
                builder.config("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
            }
        }
        for (Map.Entry<String, String> e : spark.extra().entrySet()) {
            builder.config(e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }
}
