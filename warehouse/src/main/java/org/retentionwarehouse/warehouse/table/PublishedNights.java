package org.retentionwarehouse.warehouse.table;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Which nights are whole. Each table's write is one atomic commit, but a night commits its tables one
 * after another (staging and core, then features and scores, then lists and KPIs), so a dashboard
 * reading during the night would see some tables at tonight and others at last night. The night's
 * last step marks it in {@code marts.run_log} ({@code step = 'night'}, {@code metric = 'published'})
 * once its outputs are published, and an ingest of the date takes the mark away first: a dashboard
 * that reads only marked dates never shows half a night, even during a forced re-run.
 */
public final class PublishedNights {

    private final SparkSession spark;
    private final TableStore tables;

    public PublishedNights(SparkSession spark, TableStore tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /** Marks the night of {@code date} whole. */
    public void mark(LocalDate date) {
        tables.replace(Tables.RUN_LOG, spark.createDataFrame(List.of(RowFactory.create(Date.valueOf(date), Tables.RUN_LOG_NIGHT,
                Tables.RUN_LOG_PUBLISHED, Tables.GROUP, "all", 1L)), Tables.RUN_LOG.schema()), steps(spark, date, Tables.RUN_LOG_NIGHT));
    }

    /** Takes the mark away, before the night's tables start to change. */
    public void clear(LocalDate date) {
        tables.replace(Tables.RUN_LOG, spark.createDataFrame(List.of(), Tables.RUN_LOG.schema()), steps(spark, date, Tables.RUN_LOG_NIGHT));
    }

    /** The {@code marts.run_log} rows of the given steps of one date, as a {@link TableStore#replace} scope. */
    public static Dataset<Row> steps(SparkSession spark, LocalDate date, String... steps) {
        Date d = Date.valueOf(date);
        return spark.createDataFrame(java.util.Arrays.stream(steps).map(step -> RowFactory.create(d, step)).toList(),
                StructType.fromDDL("business_date date, step string"));
    }
}
