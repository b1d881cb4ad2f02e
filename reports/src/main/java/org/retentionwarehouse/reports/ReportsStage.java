package org.retentionwarehouse.reports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.retentionwarehouse.reports.lists.DoNotCall;
import org.retentionwarehouse.reports.lists.RetentionLists;
import org.retentionwarehouse.reports.publish.CsvWriter;
import org.retentionwarehouse.reports.publish.OutputPublisher;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Night step 3: each store's ranked retention list into {@code marts.retention_list} and, as one
 * CSV per store, into {@code outputs/D/}, published atomically.
 */
public final class ReportsStage {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsStage.class);

    private final DataHome home;
    private final RetentionSettings settings;
    private final TableStore tables;

    public ReportsStage(SparkSession spark, DataHome home, RetentionSettings settings) {
        this.home = home;
        this.settings = settings;
        this.tables = new TableStore(spark);
    }

    public ReportsSummary run(LocalDate date) {
        long started = System.currentTimeMillis();
        tables.createMissing();
        Date d = Date.valueOf(date);
        Dataset<Row> list = RetentionLists.build(date,
                tables.read(Tables.CUSTOMER_SCORES).filter(col("snapshot_date").equalTo(lit(d))),
                tables.read(Tables.CUSTOMER_FEATURES).filter(col("snapshot_date").equalTo(lit(d))),
                tables.read(Tables.DIM_CUSTOMER).filter(col("is_current")),
                DoNotCall.customers(tables.read(Tables.staging(SourceEntity.CUSTOMER)), tables.read(Tables.CUSTOMER_XREF)),
                tables.read(Tables.DIM_STORE),
                settings.definitions().lostMonths(), !"en".equals(settings.reports().language()));
        tables.replace(Tables.RETENTION_LIST, list, "t.snapshot_date = DATE '" + date + "'");

        List<String> header = Arrays.stream(Tables.RETENTION_LIST.schema().fields()).map(StructField::name).toList();
        Map<String, List<Row>> perStore = new TreeMap<>();
        for (Row row : tables.read(Tables.RETENTION_LIST).filter(col("snapshot_date").equalTo(lit(d)))
                .orderBy("store_id", "rank").collectAsList()) {
            perStore.computeIfAbsent(row.getAs("store_id"), k -> new ArrayList<>()).add(row);
        }
        Map<String, Long> sizes = new TreeMap<>();
        Path folder = new OutputPublisher(home.outputs()).publish(date, staging -> {
            for (Map.Entry<String, List<Row>> store : perStore.entrySet()) {
                CsvWriter.write(staging.resolve("retention_" + store.getKey() + ".csv"), header, store.getValue());
                sizes.put(store.getKey(), (long) store.getValue().size());
            }
        });
        ReportsSummary summary = new ReportsSummary(date, sizes, folder, System.currentTimeMillis() - started);
        LOG.info("reports {}: retention lists {} in {}, {} ms", date, sizes, folder, summary.elapsedMillis());
        return summary;
    }
}
