package org.retentionwarehouse.reports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.reports.kpi.StoreKpis;
import org.retentionwarehouse.reports.lists.CoolDown;
import org.retentionwarehouse.reports.lists.DoNotCall;
import org.retentionwarehouse.reports.lists.ListHeadings;
import org.retentionwarehouse.reports.lists.ListType;
import org.retentionwarehouse.reports.lists.RetentionLists;
import org.retentionwarehouse.reports.publish.CsvWriter;
import org.retentionwarehouse.reports.publish.OutputPublisher;
import org.retentionwarehouse.reports.publish.ParquetFiles;
import org.retentionwarehouse.reports.publish.PhoneMask;
import org.retentionwarehouse.reports.publish.XlsxWriter;
import org.retentionwarehouse.reports.quality.ScoreQuality;
import org.retentionwarehouse.reports.report.NightReport;
import org.retentionwarehouse.reports.report.ReportPage;
import org.retentionwarehouse.reports.report.RunSummaryJson;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.PublishedNights;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Night step 3: each store's ranked call lists ({@link ListType}) into {@code marts.retention_list},
 * the KPIs into {@code marts.kpi_store_daily}, and the night's published folder {@code outputs/D/},
 * all in one atomic publish: per list and store a CSV and an XLSX, {@code <list>_<store>} (full
 * phone numbers, for that store only), group-level
 * Parquet files (scores, lists with masked phones, KPI history), {@code run-summary.json} and
 * {@code report.html}.
 */
public final class ReportsStage {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsStage.class);

    private final DataHome home;
    private final RetentionSettings settings;
    private final TableStore tables;
    private final PublishedNights published;

    public ReportsStage(SparkSession spark, DataHome home, RetentionSettings settings) {
        this.home = home;
        this.settings = settings;
        this.tables = new TableStore(spark);
        this.published = new PublishedNights(spark, tables);
    }

    public ReportsSummary run(LocalDate date) {
        return run(date, Map.of());
    }

    /**
     * @param earlierSteps wall time of the steps run before this one tonight (name to milliseconds), for the run summary
     */
    public ReportsSummary run(LocalDate date, Map<String, Long> earlierSteps) {
        Map<String, Long> timings = new LinkedHashMap<>(earlierSteps);
        long started = System.currentTimeMillis();
        long lap = started;
        tables.createMissing();
        Date d = Date.valueOf(date);
        String snapshot = "t.snapshot_date = DATE '" + date + "'";
        boolean chinese = !"en".equals(settings.reports().language());
        // Tonight's scores and list are read by several steps below: cached, and released at the end.
        Dataset<Row> scores = tonight(tables.read(Tables.CUSTOMER_SCORES), d).cache();

        Dataset<Row> list = null;
        try {
            Dataset<Row> excluded = DoNotCall.customers(tables.read(Tables.staging(SourceEntity.CUSTOMER)),
                            tables.read(Tables.CUSTOMER_XREF), tables.read(Tables.QUARANTINE))
                    .union(CoolDown.customers(date, settings.reports().cooldownDays(), tables.read(Tables.RETENTION_LIST),
                            tables.read(Tables.FACT_INTERACTION)));
            // Every list is drawn from the same candidates: worked out once.
            Dataset<Row> candidates = RetentionLists.candidates(scores, tonight(tables.read(Tables.CUSTOMER_FEATURES), d),
                    tables.read(Tables.DIM_CUSTOMER).filter(col("is_current")), tables.read(Tables.DIM_VEHICLE), excluded,
                    tables.read(Tables.DIM_STORE)).cache();
            try {
                tables.replace(Tables.RETENTION_LIST, RetentionLists.build(date, candidates, chinese), snapshot);
            } finally {
                candidates.unpersist();
            }
            list = tonight(tables.read(Tables.RETENTION_LIST), d).cache();
            lap = lap(timings, "reports.lists", lap);

            Map<String, Object> model = model(scores);
            Dataset<Row> kpis = new StoreKpis(settings.definitions()).build(date, tables.read(Tables.DIM_STORE),
                    tables.read(Tables.FACT_SERVICE_ORDER), tables.read(Tables.FACT_SALE), tables.read(Tables.FACT_INTERACTION),
                    list.filter(col("list_type").equalTo(ListType.RETENTION.id())), new StoreKpis.Model((String) model.get("model_version"), (Double) model.get("auc")));
            tables.replace(Tables.KPI_STORE_DAILY, kpis, snapshot);
            lap(timings, "reports.kpis", lap);

            return publish(date, chinese, scores, list, model, timings, started);
        } finally {
            scores.unpersist();
            if (list != null) {
                list.unpersist();
            }
        }
    }

    /** Gathers the night's figures and publishes {@code outputs/D} with every file in it, atomically. */
    private ReportsSummary publish(LocalDate date, boolean chinese, Dataset<Row> scores, Dataset<Row> list,
                                   Map<String, Object> model, Map<String, Long> timings, long started) {
        Date d = Date.valueOf(date);
        long lap = System.currentTimeMillis();
        Map<ListType, Map<String, List<Row>>> perStore = perStore(list.select(RetentionLists.displayed(ListHeadings.FILE_COLUMNS,
                chinese)));
        Map<String, Map<String, Long>> sizes = new LinkedHashMap<>();
        perStore.forEach((type, stores) -> {
            Map<String, Long> perType = new TreeMap<>();
            stores.forEach((store, rows) -> perType.put(store, (long) rows.size()));
            sizes.put(type.id(), perType);
        });
        List<Map<String, Object>> kpiRows = rows(tonight(tables.read(Tables.KPI_STORE_DAILY), d)
                .orderBy(col("store_id").equalTo(Tables.GROUP), col("store_id")));
        ScoreQuality.Deciles deciles = ScoreQuality.deciles(date, settings.definitions().churnMonths(),
                tables.read(Tables.CUSTOMER_SCORES), tables.read(Tables.FACT_SERVICE_ORDER), tables.read(Tables.FACT_SALE));
        List<ScoreQuality.Bin> histogram = ScoreQuality.histogram(scores);
        long scored = histogram.stream().mapToLong(ScoreQuality.Bin::customers).sum();
        // The night's run log is a few dozen rows: read once, taken apart here.
        List<Row> runLog = tables.read(Tables.RUN_LOG).filter(col("business_date").equalTo(lit(d)))
                .orderBy("store_id", "entity", "metric").collectAsList();
        List<NightReport.DeliveryCount> deliveries = deliveries(runLog);
        List<NightReport.DeliveryGap> gaps = deliveryGaps(runLog);
        Map<String, Long> identity = identity(runLog);
        List<NightReport.QuarantineCount> quarantine = quarantined(runLog);
        long quarantineTotal = tables.read(Tables.QUARANTINE).count();
        List<Map<String, Object>> challengers = rows(tables.read(Tables.MODEL_REGISTRY).filter(col("trained_for_date").equalTo(lit(d)))
                .orderBy("target"));
        lap = lap(timings, "reports.gather", lap);

        long publishStart = lap;
        List<String> headings = ListHeadings.of(ListHeadings.FILE_COLUMNS, chinese);
        Path folder = new OutputPublisher(home.outputs()).publish(date, staging -> {
            for (Map.Entry<ListType, Map<String, List<Row>>> type : perStore.entrySet()) {
                for (Map.Entry<String, List<Row>> store : type.getValue().entrySet()) {
                    String name = type.getKey().id() + "_" + store.getKey();
                    CsvWriter.write(staging.resolve(name + ".csv"), headings, store.getValue());
                    XlsxWriter.write(staging.resolve(name + ".xlsx"), store.getKey() + " " + type.getKey().title(chinese), headings,
                            store.getValue());
                }
            }
            ParquetFiles.write(scores, staging.resolve("scores.parquet"));
            ParquetFiles.write(list.withColumn("phone", PhoneMask.mask(col("phone"))), staging.resolve("retention_list.parquet"));
            ParquetFiles.write(tables.read(Tables.KPI_STORE_DAILY).filter(col("snapshot_date").leq(lit(d))),
                    staging.resolve("kpi_store_daily.parquet"));
            long now = System.currentTimeMillis();
            timings.put("reports.publish", now - publishStart);
            timings.put("reports", now - started);
            NightReport night = new NightReport(date, kpiRows, model, challengers, deciles, histogram, deliveries, gaps, identity, scored, sizes,
                    quarantine, quarantineTotal, timings);
            RunSummaryJson.write(staging.resolve("run-summary.json"), night);
            Files.writeString(staging.resolve("report.html"), ReportPage.render(night), StandardCharsets.UTF_8);
        });
        // Last: the night's tables and outputs are all there.
        published.mark(date, Duration.ofDays(settings.maintenance().snapshotRetentionDays()));
        ReportsSummary summary = new ReportsSummary(date, sizes, folder, System.currentTimeMillis() - started);
        LOG.info("reports {}: call lists {} in {}, {} ms (phases {})", date, sizes, folder, summary.elapsedMillis(), timings);
        return summary;
    }

    /**
     * Tonight's list rows by list and store in rank order; every store gets every list, so its
     * files exist even when a list is empty.
     */
    private Map<ListType, Map<String, List<Row>>> perStore(Dataset<Row> list) {
        List<String> stores = tables.read(Tables.DIM_STORE).select("store_id").collectAsList().stream().map(r -> r.getString(0)).toList();
        Map<ListType, Map<String, List<Row>>> perStore = new LinkedHashMap<>();
        for (ListType type : ListType.values()) {
            Map<String, List<Row>> byStore = new TreeMap<>();
            stores.forEach(store -> byStore.put(store, new ArrayList<>()));
            perStore.put(type, byStore);
        }
        for (Row row : list.orderBy("list_type", "store_id", "rank").collectAsList()) {
            // The rows are as the files show them: the list's name, not its code.
            perStore.get(ListType.of(row.getAs("list_type")))
                    .computeIfAbsent(row.getAs("store_id"), k -> new ArrayList<>()).add(row);
        }
        return perStore;
    }

    /** Rows quarantined tonight per store and reason, as the ingest step logged them (a late file's included). */
    private static List<NightReport.QuarantineCount> quarantined(List<Row> runLog) {
        Map<List<String>, Long> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Row r : step(runLog, Tables.RUN_LOG_INGEST)) {
            String metric = r.getAs("metric");
            if (metric.startsWith(Tables.RUN_LOG_QUARANTINED)) {
                rows.merge(List.of(r.getAs("store_id"), metric.substring(Tables.RUN_LOG_QUARANTINED.length())), r.getAs("value"),
                        Long::sum);
            }
        }
        return rows.entrySet().stream()
                .map(e -> new NightReport.QuarantineCount(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    }

    private static Dataset<Row> tonight(Dataset<Row> table, Date d) {
        return table.filter(col("snapshot_date").equalTo(lit(d)));
    }

    private static long lap(Map<String, Long> timings, String phase, long since) {
        long now = System.currentTimeMillis();
        timings.put(phase, now - since);
        return now;
    }

    /** The registry row of the model behind tonight's scores, every column; empty when nothing was scored. */
    private Map<String, Object> model(Dataset<Row> scores) {
        List<Row> versions = scores.select("model_version").distinct().limit(1).collectAsList();
        if (versions.isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> registry = rows(tables.read(Tables.MODEL_REGISTRY)
                .filter(col("model_version").equalTo(versions.get(0).getString(0))));
        return registry.isEmpty() ? Map.of("model_version", versions.get(0).getString(0)) : registry.get(0);
    }

    /** Tonight's rows read, loaded and quarantined per store and entity, as the ingest step logged them. */
    private static List<NightReport.DeliveryCount> deliveries(List<Row> runLog) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>(Tables.RUN_LOG_ROW_COUNTS);
        metrics.add(Tables.RUN_LOG_UNKNOWN_VEHICLE);
        metrics.add(Tables.RUN_LOG_UNKNOWN_CUSTOMER);
        for (Row r : step(runLog, Tables.RUN_LOG_INGEST)) {
            int i = metrics.indexOf(r.<String>getAs("metric"));
            if (i >= 0) {
                counts.computeIfAbsent(List.of(r.getAs("store_id"), r.getAs("entity")), k -> new long[metrics.size()])[i] = r.getAs("value");
            }
        }
        return counts.entrySet().stream().map(e -> new NightReport.DeliveryCount(e.getKey().get(0), e.getKey().get(1),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();
    }

    /** The stores that delivered nothing tonight, or files that match no pattern, as the ingest step logged them. */
    private static List<NightReport.DeliveryGap> deliveryGaps(List<Row> runLog) {
        Map<String, long[]> gaps = new TreeMap<>();
        for (Row r : step(runLog, Tables.RUN_LOG_INGEST)) {
            String metric = r.getAs("metric");
            int at = metric.equals(Tables.RUN_LOG_NO_DELIVERY) ? 0 : metric.equals(Tables.RUN_LOG_UNMATCHED_FILES) ? 1 : -1;
            if (at >= 0) {
                gaps.computeIfAbsent(r.getAs("store_id"), k -> new long[2])[at] = r.getAs("value");
            }
        }
        return gaps.entrySet().stream().map(e -> new NightReport.DeliveryGap(e.getKey(), e.getValue()[0] > 0, e.getValue()[1])).toList();
    }

    /** Tonight's identity-resolution figures, by name. */
    private static Map<String, Long> identity(List<Row> runLog) {
        Map<String, Long> figures = new TreeMap<>();
        step(runLog, Tables.RUN_LOG_IDENTITY).forEach(r -> figures.put(r.getAs("metric"), r.getAs("value")));
        return figures;
    }

    private static List<Row> step(List<Row> runLog, String step) {
        return runLog.stream().filter(r -> step.equals(r.getAs("step"))).toList();
    }

    private static List<Map<String, Object>> rows(Dataset<Row> rows) {
        String[] names = rows.columns();
        return rows.collectAsList().stream().map(r -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                map.put(names[i], r.get(i));
            }
            return map;
        }).toList();
    }
}
