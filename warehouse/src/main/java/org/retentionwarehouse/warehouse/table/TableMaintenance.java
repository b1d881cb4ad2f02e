package org.retentionwarehouse.warehouse.table;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the warehouse's tables from growing without bound, as Iceberg asks of every table written
 * on a schedule. Every commit adds a snapshot, and a MERGE rewrites whole files while the old
 * snapshot keeps the old ones: left alone, a nightly warehouse keeps every version of every file it
 * ever wrote. After each night, per table:
 * <ol>
 *   <li>a partition holding at least {@code compact_min_files} data files (each night's appends
 *       add one per store) is rewritten into files of the table's target size;</li>
 *   <li>snapshots older than {@code snapshot_retention_days} are expired, keeping at least the last
 *       {@code min_snapshots}. Time travel and a long-running reader reach back that far. The files a
 *       snapshot replaced (a MERGE's or a compaction's) are deleted once that snapshot expires in
 *       turn: Iceberg's incremental clean-up, which needs no scan of the whole table.</li>
 * </ol>
 */
public final class TableMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

    private final SparkSession spark;
    private final RetentionSettings.Maintenance settings;

    public TableMaintenance(SparkSession spark, RetentionSettings.Maintenance settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** What one pass did to one table, or summed over the tables. */
    public record Result(int compactedTables, int filesRewritten, int filesWritten, int expiredSnapshots) {
        Result plus(Result other) {
            return new Result(compactedTables + other.compactedTables, filesRewritten + other.filesRewritten,
                    filesWritten + other.filesWritten, expiredSnapshots + other.expiredSnapshots);
        }
    }

    /** One night's pass over every table of the warehouse. */
    public record Summary(LocalDate date, int tables, Result done, long elapsedMillis) { }

    public Summary run(LocalDate date) {
        long started = System.currentTimeMillis();
        Catalog catalog = Spark3Util.loadIcebergCatalog(spark, SparkSessionFactory.CATALOG);
        int tables = 0;
        Result done = new Result(0, 0, 0, 0);
        for (WarehouseTable t : Tables.all()) {
            if (catalog.tableExists(TableIdentifier.of(t.namespace(), t.name()))) {
                tables++;
                done = done.plus(maintain(t));
            }
        }
        Summary summary = new Summary(date, tables, done, System.currentTimeMillis() - started);
        LOG.info("maintenance {}: {} tables; {} compacted ({} data files into {}); {} snapshots expired; {} ms", date,
                tables, done.compactedTables(), done.filesRewritten(), done.filesWritten(), done.expiredSnapshots(),
                summary.elapsedMillis());
        return summary;
    }

    /** Compacts {@code target}'s crowded partitions, then expires its old snapshots; commits nothing when neither is due. */
    public Result maintain(WarehouseTable target) {
        Table table = Spark3Util.loadIcebergCatalog(spark, SparkSessionFactory.CATALOG)
                .loadTable(TableIdentifier.of(target.namespace(), target.name()));
        int rewritten = 0;
        int written = 0;
        if (mostFilesInAPartition(table) >= settings.compactMinFiles()) {
            RewriteDataFiles.Result result = SparkActions.get(spark).rewriteDataFiles(table)
                    .option("min-input-files", String.valueOf(settings.compactMinFiles()))
                    .execute();
            rewritten = result.rewrittenDataFilesCount();
            written = result.addedDataFilesCount();
            table.refresh();
        }
        long expireBefore = System.currentTimeMillis() - Duration.ofDays(settings.snapshotRetentionDays()).toMillis();
        List<Snapshot> snapshots = snapshots(table);
        int expired = 0;
        // An expiry with nothing to expire would still commit a new metadata version.
        if (snapshots.size() > settings.minSnapshots()
                && snapshots.stream().anyMatch(snapshot -> snapshot.timestampMillis() < expireBefore)) {
            table.expireSnapshots().expireOlderThan(expireBefore).retainLast(settings.minSnapshots()).commit();
            table.refresh();
            expired = snapshots.size() - snapshots(table).size();
        }
        if (rewritten + expired > 0) {
            LOG.debug("{}: {} data files compacted into {}, {} snapshots expired", target.qualifiedName(), rewritten, written,
                    expired);
        }
        return new Result(rewritten > 0 ? 1 : 0, rewritten, written, expired);
    }

    /** The largest number of data files any one partition of the current snapshot holds, from metadata alone. */
    private static int mostFilesInAPartition(Table table) {
        if (table.currentSnapshot() == null) {
            return 0;
        }
        Map<String, Integer> files = new HashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                files.merge(task.spec().partitionToPath(task.file().partition()), 1, Integer::sum);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("listing the data files of " + table.name(), e);
        }
        return files.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static List<Snapshot> snapshots(Table table) {
        List<Snapshot> snapshots = new ArrayList<>();
        table.snapshots().forEach(snapshots::add);
        return snapshots;
    }
}
