package org.retentionwarehouse.warehouse.table;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
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
 *       turn and no tag ({@link PublishedNights}) holds them. Because the tables carry tags, Iceberg
 *       finds those files by reading the manifests of the snapshots kept and expired, not from the
 *       expired snapshots alone.</li>
 *   <li>every {@code orphan_sweep_days} business days, data files that no snapshot references and
 *       that are older than {@code orphan_file_age_days} are deleted. A night killed while writing
 *       leaves such files, and no expiry ever finds them. Only the data folder is swept: a file there
 *       is either in the table or garbage, while the metadata folder also holds the catalog's own
 *       files. The business date of a table's last sweep is its property
 *       {@value #ORPHANS_SWEPT}, so a sweep is due per table whatever nights were skipped; each night
 *       sweeps only its share of the tables.</li>
 * </ol>
 */
public final class TableMaintenance {

    /** Table property: the business date ({@code yyyy-MM-dd}) of the table's last sweep for orphan files. */
    public static final String ORPHANS_SWEPT = "retention.orphan-files-swept";

    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

    private final SparkSession spark;
    private final RetentionSettings.Maintenance settings;

    public TableMaintenance(SparkSession spark, RetentionSettings.Maintenance settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** What one pass did to one table, or summed over the tables. */
    public record Result(int compactedTables, int filesRewritten, int filesWritten, int expiredSnapshots,
                         int sweptTables, int orphanFilesDeleted) {
        Result plus(Result other) {
            return new Result(compactedTables + other.compactedTables, filesRewritten + other.filesRewritten,
                    filesWritten + other.filesWritten, expiredSnapshots + other.expiredSnapshots,
                    sweptTables + other.sweptTables, orphanFilesDeleted + other.orphanFilesDeleted);
        }
    }

    /** One night's pass over every table of the warehouse. */
    public record Summary(LocalDate date, int tables, Result done, long elapsedMillis) { }

    public Summary run(LocalDate date) {
        long started = System.currentTimeMillis();
        List<Table> tables = new TableStore(spark).icebergTables();
        List<Table> sweep = sweepsTonight(tables, date);
        Result done = new Result(0, 0, 0, 0, 0, 0);
        for (Table table : tables) {
            done = done.plus(maintain(table, sweep.contains(table), date));
        }
        Summary summary = new Summary(date, tables.size(), done, System.currentTimeMillis() - started);
        LOG.info("maintenance {}: {} tables; {} compacted ({} data files into {}); {} snapshots expired; {} tables swept,"
                        + " {} orphan files deleted; {} ms", date, tables.size(), done.compactedTables(), done.filesRewritten(),
                done.filesWritten(), done.expiredSnapshots(), done.sweptTables(), done.orphanFilesDeleted(),
                summary.elapsedMillis());
        return summary;
    }

    /**
     * Compacts {@code target}'s crowded partitions, expires its old snapshots and, when due on {@code date},
     * sweeps its data folder for orphan files; commits nothing when none is due.
     */
    public Result maintain(WarehouseTable target, LocalDate date) {
        Table table = new TableStore(spark).icebergTable(target)
                .orElseThrow(() -> new IllegalArgumentException(target.qualifiedName() + " does not exist"));
        return maintain(table, sweepDue(table, date), date);
    }

    private Result maintain(Table table, boolean sweep, LocalDate date) {
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
        int orphans = sweep ? sweepOrphans(table, date) : 0;
        if (rewritten + expired + orphans > 0) {
            LOG.debug("{}: {} data files compacted into {}, {} snapshots expired, {} orphan files deleted",
                    table.name(), rewritten, written, expired, orphans);
        }
        return new Result(rewritten > 0 ? 1 : 0, rewritten, written, expired, sweep ? 1 : 0, orphans);
    }

    /**
     * The tables whose sweep is due, least recently swept first, but at most a 1/{@code orphan_sweep_days}
     * share of all of them. A sweep lists the whole data folder and reads every manifest: the warehouse's
     * 25 tables at once took 8–9 s after a night's queries and over 20 s in a fresh JVM, on one night in
     * seven. Capped, the cost falls evenly on every night and each table is still swept once per period,
     * a few nights late at most after a new table or a run of skipped nights.
     */
    private List<Table> sweepsTonight(List<Table> tables, LocalDate date) {
        int share = (tables.size() + settings.orphanSweepDays() - 1) / settings.orphanSweepDays();
        return tables.stream()
                .filter(table -> sweepDue(table, date))
                .sorted(Comparator.comparing(TableMaintenance::lastSwept, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(share)
                .toList();
    }

    private boolean sweepDue(Table table, LocalDate date) {
        LocalDate swept = lastSwept(table);
        return swept == null || !swept.plusDays(settings.orphanSweepDays()).isAfter(date);
    }

    private static LocalDate lastSwept(Table table) {
        String swept = table.properties().get(ORPHANS_SWEPT);
        return swept == null ? null : LocalDate.parse(swept);
    }

    /** Deletes the table's orphan data files old enough to be no write in progress; returns how many. */
    private int sweepOrphans(Table table, LocalDate date) {
        String dataFolder = table.properties().getOrDefault(TableProperties.WRITE_DATA_LOCATION, table.location() + "/data");
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dataFolder);
        int deleted = 0;
        try {
            // A table never written to has no data folder, and the listing would fail on it.
            if (folder.getFileSystem(spark.sessionState().newHadoopConf()).exists(folder)) {
                long olderThan = System.currentTimeMillis() - Duration.ofDays(settings.orphanFileAgeDays()).toMillis();
                DeleteOrphanFiles.Result result = SparkActions.get(spark).deleteOrphanFiles(table)
                        .location(dataFolder).olderThan(olderThan).execute();
                for (String file : result.orphanFileLocations()) {
                    LOG.debug("{}: deleted orphan file {}", table.name(), file);
                    deleted++;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("looking for the data folder " + dataFolder + " of " + table.name(), e);
        }
        table.updateProperties().set(ORPHANS_SWEPT, date.toString()).commit();
        return deleted;
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
