package org.retentionwarehouse.warehouse.table;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Which nights are whole. Each table's write is one atomic commit, but a night commits its tables one
 * after another (staging and core, then features and scores, then lists and KPIs), so a dashboard
 * reading during the night would see some tables at tonight and others at last night. The night's
 * last step marks it in {@code marts.run_log} ({@code step = 'night'}, {@code metric = 'published'})
 * once its outputs are published, and an ingest of the date takes the mark away first: a dashboard
 * that reads only marked dates never shows half a night, even during a forced re-run.
 *
 * <p>The mark names dates, which serves the marts; a core table has no date to filter on. So the
 * mark also tags every table's current snapshot, as Iceberg's tags are meant for: {@value #PUBLISHED}
 * moves to the last published state, and {@code night-yyyy-MM-dd} keeps each night's as long as
 * snapshots are kept. Any engine reads a table at a tag ({@code VERSION AS OF 'published'} in Spark,
 * {@code FOR VERSION AS OF} in Trino), so every table read at {@value #PUBLISHED} is one whole night.
 */
public final class PublishedNights {

    /** The tag every table carries at the last published night. */
    public static final String PUBLISHED = "published";

    private final SparkSession spark;
    private final TableStore tables;

    public PublishedNights(SparkSession spark, TableStore tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /**
     * Marks the night of {@code date} whole, and tags every table's current snapshot {@value #PUBLISHED}
     * and {@link #nightTag}. The other tables are tagged first and the run log last, after its mark: a
     * failure in between leaves the night unmarked, and the step's restart tags again.
     *
     * @param keepNightTag how long the night's tag outlives this moment; then the table's upkeep drops
     *                     it, as it expires the snapshots of that age
     */
    public void mark(LocalDate date, Duration keepNightTag) {
        long now = System.currentTimeMillis();
        for (WarehouseTable table : Tables.all()) {
            if (!table.equals(Tables.RUN_LOG)) {
                tables.icebergTable(table).ifPresent(t -> tag(t, date, keepNightTag, now));
            }
        }
        tables.replace(Tables.RUN_LOG, spark.createDataFrame(List.of(RowFactory.create(Date.valueOf(date), Tables.RUN_LOG_NIGHT,
                Tables.RUN_LOG_PUBLISHED, Tables.GROUP, "all", 1L)), Tables.RUN_LOG.schema()), steps(date, Tables.RUN_LOG_NIGHT));
        tables.icebergTable(Tables.RUN_LOG).ifPresent(t -> tag(t, date, keepNightTag, now));
    }

    private static void tag(Table table, LocalDate date, Duration keep, long now) {
        // A table never written has no snapshot to tag, and a reader of the tag would fail on it:
        // an empty commit gives it one.
        if (table.currentSnapshot() == null) {
            table.newAppend().commit();
        }
        Snapshot current = table.currentSnapshot();
        // Iceberg ages a tag from its snapshot's time, and a table the night did not change points
        // at an older snapshot: its night tag would lapse early.
        long age = keep.toMillis() + Math.max(0, now - current.timestampMillis());
        String night = nightTag(date);
        ManageSnapshots refs = table.manageSnapshots();
        tag(refs, table, night, current.snapshotId()).setMaxRefAgeMs(night, Math.max(1, age));
        tag(refs, table, PUBLISHED, current.snapshotId()).commit();
    }

    /** The tag of the tables as the run of {@code date} published them. */
    public static String nightTag(LocalDate date) {
        return "night-" + date;
    }

    private static ManageSnapshots tag(ManageSnapshots refs, Table table, String tag, long snapshotId) {
        return table.refs().containsKey(tag) ? refs.replaceTag(tag, snapshotId) : refs.createTag(tag, snapshotId);
    }

    /** Takes the mark away, before the night's tables start to change. */
    public void clear(LocalDate date) {
        tables.replace(Tables.RUN_LOG, spark.createDataFrame(List.of(), Tables.RUN_LOG.schema()), steps(date, Tables.RUN_LOG_NIGHT));
    }

    /**
     * The {@code marts.run_log} rows of the given steps of one date, as a {@link TableStore#replace}
     * condition. Each night's rows are written together, so the data files' date ranges let Iceberg
     * find a date that is not there yet (a first run) from its metadata alone.
     */
    public static String steps(LocalDate date, String... steps) {
        return "t.business_date = DATE '" + date + "' AND t.step IN ("
                + java.util.Arrays.stream(steps).map(step -> "'" + step + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
