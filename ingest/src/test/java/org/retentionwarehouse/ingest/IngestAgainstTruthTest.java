package org.retentionwarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.ingest.core.CoreTables;
import org.retentionwarehouse.ingest.identity.IdentityEvaluation;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.retentionwarehouse.warehouse.table.WarehouseTable;

/** Ingest of every night of a simulated group, checked against the simulator's ground truth. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestAgainstTruthTest {

    @TempDir
    static Path root;

    static DataHome home;
    static SparkSession spark;
    static SimulationSettings simulation;
    static List<IngestSummary> summaries = new ArrayList<>();

    @BeforeAll
    static void ingestEveryNight() throws IOException {
        home = new DataHome(root);
        SimulationSettings demo = SimulationSettings.demo(11);
        simulation = new SimulationSettings(11, 3, 600, demo.firstNight().minusYears(2), demo.firstNight(), 2,
                0.01, 0.5, List.of(demo.firstNight().plusDays(2)), 4);
        new Simulator(simulation).generate(root);
        // Shuffle partitions for a tiny group and no adaptive re-planning, not the production defaults:
        // the suite's time is mostly per-query overhead.
        Files.writeString(root.resolve("conf/retention.yaml"), "spark:\n  shuffle_partitions: 2\n"
                + "  extra:\n    spark.sql.adaptive.enabled: \"false\"\n");
        RetentionSettings settings = RetentionSettings.load(home);
        spark = SparkSessionFactory.create(home, settings);
        IngestStage stage = new IngestStage(spark, home, settings);
        for (LocalDate night = simulation.firstNight(); !night.isAfter(simulation.lastNight()); night = night.plusDays(1)) {
            summaries.add(stage.run(night));
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsReconcilePerFile() {
        long quarantined = new TableStore(spark).read(Tables.QUARANTINE).count();
        assertThat(summaries.stream().mapToLong(IngestSummary::quarantined).sum()).isEqualTo(quarantined);
        for (IngestSummary summary : summaries) {
            assertThat(summary.files()).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.read()).isEqualTo(f.loaded() + f.quarantined()));
        }
    }

    @Test
    void theRunLogHoldsEachNightsCountsPerStoreAndEntityAndTheIdentityFigures() {
        TableStore tables = new TableStore(spark);
        Dataset<Row> log = tables.read(Tables.RUN_LOG);
        for (IngestSummary summary : summaries) {
            Dataset<Row> night = log.filter(functions.col("business_date").equalTo(functions.lit(java.sql.Date.valueOf(summary.date()))));
            Map<String, Long> totals = new HashMap<>();
            night.filter("step = 'ingest'").groupBy("metric").agg(functions.sum("value")).collectAsList()
                    .forEach(r -> totals.put(r.getString(0), r.getLong(1)));
            assertThat(totals).as("%s", summary.date()).containsEntry("rows_read", summary.read())
                    .containsEntry("rows_loaded", summary.loaded()).containsEntry("rows_quarantined", summary.quarantined());
            assertThat(totals.entrySet().stream().filter(e -> e.getKey().startsWith(Tables.RUN_LOG_QUARANTINED))
                    .mapToLong(Map.Entry::getValue).sum()).as("quarantined by reason").isEqualTo(summary.quarantined());
            Column gap = functions.col("metric").isin(Tables.RUN_LOG_NO_DELIVERY, Tables.RUN_LOG_UNMATCHED_FILES);
            assertThat(night.filter("step = 'ingest'").filter(functions.not(gap)).select("store_id", "entity").distinct().count())
                    .isEqualTo(summary.files().stream().map(f -> f.storeId() + "|" + f.entity()).distinct().count());
            assertThat(night.filter(functions.col("metric").equalTo(Tables.RUN_LOG_NO_DELIVERY)).select("store_id")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                    .as("stores without a delivery on %s", summary.date()).containsExactlyInAnyOrderElementsOf(summary.missingStores());
        }
        // After the last night the identity figures describe the whole cross-reference.
        Dataset<Row> xref = tables.read(Tables.CUSTOMER_XREF);
        Map<String, Long> identity = new HashMap<>();
        log.filter(functions.col("business_date").equalTo(functions.lit(java.sql.Date.valueOf(simulation.lastNight()))))
                .filter("step = 'identity'").collectAsList().forEach(r -> identity.put(r.getAs("metric"), r.getAs("value")));
        assertThat(identity).containsEntry("records", xref.count())
                .containsEntry("customers", xref.select("customer_key").distinct().count());
        assertThat(identity.entrySet().stream().filter(e -> e.getKey().startsWith("records_by_rule_"))
                .mapToLong(Map.Entry::getValue).sum()).isEqualTo(xref.count());
    }

    @Test
    void aStoreDeliveryWithTooManyBadRowsStopsTheStepNamingTheStoreAndLoadsNothing(@TempDir Path other) throws IOException {
        // One store's customer file of the first night with every third data row cut short, delivered with
        // the store's other files of that night: their many sound rows must not dilute the broken file.
        Path file = firstNightCustomerFile();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.size()).isGreaterThan(100);
        List<String> broken = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            broken.add(i % 3 == 0 ? lines.get(i).substring(0, lines.get(i).indexOf(',')) : lines.get(i));
        }
        assertTheDeliveryStopsTheStep(other, file, String.join("\n", broken).getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void aStoreFileSavedInTheWrongEncodingStopsTheStepNamingStoreAndFileAndLoadsNothing(@TempDir Path other) throws IOException {
        // The UTF-8 store's customer file saved as GBK: every row with a Chinese name is broken text.
        Path file = firstNightCustomerFile();
        assertTheDeliveryStopsTheStep(other, file, Files.readString(file, StandardCharsets.UTF_8).getBytes(java.nio.charset.Charset.forName("GBK")),
                false);
    }

    /** S01's customer file of the first night (a UTF-8 store). */
    private static Path firstNightCustomerFile() throws IOException {
        Path delivered = root.resolve("inbox/S01").resolve(simulation.firstNight().toString());
        try (Stream<Path> files = Files.list(delivered)) {
            return files.filter(p -> p.getFileName().toString().startsWith("customers_")).findFirst().orElseThrow();
        }
    }

    /**
     * Delivers {@code content} as {@code file} into another home, alone or with the rest of its night's
     * files: ingest stops naming store, entity and file, and writes nothing.
     */
    private static void assertTheDeliveryStopsTheStep(Path other, Path file, byte[] content, boolean withTheRest) throws IOException {
        Files.createDirectories(other.resolve("conf"));
        Files.copy(root.resolve("conf/stores.yaml"), other.resolve("conf/stores.yaml"));
        Path target = other.resolve("inbox/S01").resolve(simulation.firstNight().toString()).resolve(file.getFileName());
        Files.createDirectories(target.getParent());
        if (withTheRest) {
            try (Stream<Path> rest = Files.list(file.getParent())) {
                for (Path sibling : rest.filter(p -> !p.equals(file)).toList()) {
                    Files.copy(sibling, target.resolveSibling(sibling.getFileName()));
                }
            }
        }
        Files.write(target, content);
        long quarantined = new TableStore(spark).read(Tables.QUARANTINE).count();

        DataHome home = new DataHome(other);
        assertThatThrownBy(() -> new IngestStage(spark, home, RetentionSettings.load(home)).run(simulation.firstNight()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("store 'S01', customer").hasMessageContaining("not loaded")
                .hasMessageContaining(file.getFileName().toString());
        assertThat(new TableStore(spark).read(Tables.QUARANTINE).count()).isEqualTo(quarantined);
    }

    @Test
    void everyInjectedMalformedRowIsQuarantinedWithItsReasonAndNoGoodRowIs() throws IOException {
        Set<String> ingestedFiles = new HashSet<>();
        summaries.forEach(s -> s.files().forEach(f -> ingestedFiles.add(f.storeId() + "|" + fileName(f.file()))));
        Map<String, String> expected = new HashMap<>();
        List<String> lines = Files.readAllLines(root.resolve("truth/malformed.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String store = f[header.indexOf("store_id")];
            String file = f[header.indexOf("file")];
            if (ingestedFiles.contains(store + "|" + file)) {
                expected.put(store + "|" + file + "|" + f[header.indexOf("line")], reason(f[header.indexOf("kind")], file));
            }
        }
        assertThat(expected.values()).contains("bad_date", "bad_vin", "negative_amount", "unknown_code",
                "broken_encoding", "wrong_field_count", "malformed_json", "future_date");

        Map<String, Set<String>> actual = new HashMap<>();
        for (Row r : new TableStore(spark).read(Tables.QUARANTINE).collectAsList()) {
            actual.computeIfAbsent(r.<String>getAs("store_id") + "|" + fileName(r.getAs("source_file")) + "|"
                    + r.<Integer>getAs("source_line"), k -> new HashSet<>()).add(r.getAs("reason"));
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((where, reason) -> assertThat(actual.get(where)).as(where).contains(reason));
    }

    @Test
    void everyCoreFactHoldsExactlyTheStagedRecords() {
        TableStore tables = new TableStore(spark);
        Map<WarehouseTable, SourceEntity> facts = Map.of(
                Tables.FACT_SALE, SourceEntity.SALE,
                Tables.FACT_SERVICE_ORDER, SourceEntity.SERVICE_ORDER,
                Tables.FACT_INTERACTION, SourceEntity.INTERACTION,
                Tables.FACT_SERVICE_LINE, SourceEntity.SERVICE_LINE,
                Tables.FACT_LEAD, SourceEntity.LEAD);
        facts.forEach((fact, entity) -> {
            Column[] key = fact.key().stream().map(org.apache.spark.sql.functions::col)
                    .toArray(Column[]::new);
            assertThat(contentsOf(tables.read(fact).select(key)))
                    .as(fact.qualifiedName()).isEqualTo(contentsOf(tables.read(Tables.staging(entity)).select(key)));
        });
    }

    @Test
    void aVehicleKeepsEveryAttributeAnyStoreRecordedOfIt() {
        TableStore tables = new TableStore(spark);
        tables.read(Tables.staging(SourceEntity.VEHICLE)).createOrReplaceTempView("staged_vehicle");
        tables.read(Tables.DIM_VEHICLE).createOrReplaceTempView("dim_vehicle");
        for (String attribute : List.of("plate", "model_year", "purchase_date", "insurance_expiry", "inspection_due")) {
            long recorded = spark.sql("SELECT count(DISTINCT vin) FROM staged_vehicle WHERE " + attribute + " IS NOT NULL")
                    .first().getLong(0);
            long kept = spark.sql("SELECT count(*) FROM dim_vehicle WHERE " + attribute + " IS NOT NULL").first().getLong(0);
            assertThat(kept).as(attribute).isPositive().isEqualTo(recorded);
        }
    }

    @Test
    void aCarSoldOnIsOwnedByItsBuyerWhicheverStoreDeliveredLast() {
        Dataset<Row> records = spark.sql("SELECT * FROM VALUES"
                + " ('S01', 'VIN1', 'A', 'old', DATE'2019-05-01', DATE'2027-05-01', DATE'2026-11-03'),"
                + " ('S02', 'VIN1', 'B', 'new', DATE'2025-02-01', CAST(NULL AS DATE), DATE'2026-11-01')"
                + " AS t(store_id, vin, owner_source_id, plate, purchase_date, insurance_expiry, batch_date)")
                .withColumn("brand", functions.lit("BYD")).withColumn("model", functions.lit("Han"))
                .withColumn("model_year", functions.lit(2019)).withColumn("inspection_due", functions.lit(null).cast("date"));
        Dataset<Row> xref = spark.sql("SELECT * FROM VALUES ('S01', 'A', 'seller'), ('S02', 'B', 'buyer')"
                + " AS t(store_id, source_id, customer_key)");
        Row vehicle = CoreTables.dimVehicle(records, xref).first();
        assertThat(vehicle.<String>getAs("customer_key")).isEqualTo("buyer");
        assertThat(vehicle.<String>getAs("plate")).isEqualTo("new");
        assertThat(vehicle.<java.sql.Date>getAs("purchase_date")).isEqualTo(java.sql.Date.valueOf("2025-02-01"));
        // The buyer's store did not record the insurance; the policy goes with the car.
        assertThat(vehicle.<java.sql.Date>getAs("insurance_expiry")).isEqualTo(java.sql.Date.valueOf("2027-05-01"));
    }

    private static List<String> contentsOf(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void noIdNumberIsStoredInClear() {
        for (Row r : new TableStore(spark).read(Tables.staging(SourceEntity.CUSTOMER))
                .select("id_hash").na().drop().limit(100).collectAsList()) {
            assertThat(r.getString(0)).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void identitiesArePreciseAndNoTrapIsMerged() {
        IdentityEvaluation.Result result = new IdentityEvaluation(spark)
                .evaluate(new TableStore(spark).read(Tables.CUSTOMER_XREF), root.resolve("truth"));
        assertThat(result.records()).isGreaterThan(1000);
        assertThat(result.mergedTraps()).isEmpty();
        assertThat(result.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.recall()).isGreaterThanOrEqualTo(0.99);
    }

    /**
     * Last, so the other tests see the sequential load: drops every table, loads the nights again in
     * reverse order (each late file still arrives on its own night), and expects every table to equal the sequential load's. Only the merge log, which records when
     * keys were retired, is a history of the loading itself.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void nightsLoadedInAnyOrderGiveTheSameTables() {
        TableStore tables = new TableStore(spark);
        List<WarehouseTable> compared = Tables.all().stream()
                .filter(t -> t.namespace().equals("staging") || t.namespace().equals("core"))
                .filter(t -> t != Tables.CUSTOMER_MERGE).toList();
        Map<String, List<String>> sequential = new HashMap<>();
        compared.forEach(t -> sequential.put(t.qualifiedName(), contents(tables, t)));
        long unknownVehiclesInOrder = logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_VEHICLE).values().stream()
                .mapToLong(Long::longValue).sum();
        Map<String, Long> unknownCustomersInOrder = logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_CUSTOMER);
        Tables.all().forEach(t -> spark.sql("DROP TABLE IF EXISTS " + t.qualifiedName() + " PURGE"));

        IngestStage stage = new IngestStage(spark, home, RetentionSettings.load(home));
        List<LocalDate> nights = new ArrayList<>();
        for (LocalDate night = simulation.firstNight(); !night.isAfter(simulation.lastNight()); night = night.plusDays(1)) {
            nights.add(night);
        }
        List<LocalDate> order = new ArrayList<>(nights);
        java.util.Collections.reverse(order);
        stage.run(order.get(0));
        // Loaded first, the last night's sales, repair orders and interactions name customers whose
        // records came on earlier nights: each is loaded without a customer key, and counted.
        Map<String, Long> withoutCustomer = new java.util.TreeMap<>();
        Map.of(SourceEntity.SALE, Tables.FACT_SALE, SourceEntity.SERVICE_ORDER, Tables.FACT_SERVICE_ORDER,
                SourceEntity.INTERACTION, Tables.FACT_INTERACTION).forEach((entity, fact) ->
                tables.read(fact).filter(functions.col("customer_key").isNull()).groupBy("store_id").count().collectAsList()
                        .forEach(r -> withoutCustomer.put(r.getString(0) + " " + entity.key(), r.getLong(1))));
        assertThat(withoutCustomer).isNotEmpty();
        assertThat(logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_CUSTOMER)).isEqualTo(withoutCustomer);
        order.subList(1, order.size()).forEach(stage::run);

        for (WarehouseTable t : compared) {
            assertThat(contents(tables, t)).as(t.qualifiedName()).isEqualTo(sequential.get(t.qualifiedName()));
        }
        // Loaded first, the last night's repair orders name vehicles whose records come with earlier
        // nights: they are flagged in the run log, yet loaded (the core tables above are complete).
        assertThat(logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_VEHICLE).values().stream()
                .mapToLong(Long::longValue).sum()).isGreaterThan(unknownVehiclesInOrder);

        // Run again now that every night is loaded, the last night's run log says what a sequential load
        // said: the counts of its first run, for customers and vehicles not loaded yet, are replaced.
        stage.run(order.get(0));
        assertThat(logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_CUSTOMER)).isEqualTo(unknownCustomersInOrder);
        assertThat(logged(tables, simulation.lastNight(), Tables.RUN_LOG_UNKNOWN_VEHICLE).values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(unknownVehiclesInOrder);
    }

    /** A store's folder that arrives after its night ran: the re-run's run log no longer says it is missing. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aRerunAfterALateFolderNoLongerLogsTheStoreAsMissing() throws IOException {
        LocalDate night = simulation.lastNight();
        String store;
        try (Stream<Path> stores = Files.list(root.resolve("inbox"))) {
            store = stores.filter(s -> Files.isDirectory(s.resolve(night.toString()))).map(s -> s.getFileName().toString())
                    .sorted().findFirst().orElseThrow();
        }
        Path folder = root.resolve("inbox").resolve(store).resolve(night.toString());
        Path aside = root.resolve("aside-" + store);
        IngestStage stage = new IngestStage(spark, home, RetentionSettings.load(home));
        TableStore tables = new TableStore(spark);
        Files.move(folder, aside);
        try {
            stage.run(night);
        } finally {
            Files.move(aside, folder);
        }
        assertThat(logged(tables, night, Tables.RUN_LOG_NO_DELIVERY)).containsKey(store + " all");
        stage.run(night);
        assertThat(logged(tables, night, Tables.RUN_LOG_NO_DELIVERY)).doesNotContainKey(store + " all");
        // In the log as delivered, whatever its files hold (that night, headers alone: counted as zero rows).
        assertThat(tables.read(Tables.RUN_LOG).filter(functions.col("business_date").equalTo(functions.lit(java.sql.Date.valueOf(night)))
                .and(functions.col("metric").equalTo(Tables.RUN_LOG_ROW_COUNTS.get(0)))
                .and(functions.col("store_id").equalTo(store))).count()).isPositive();
    }

    /** A night's run-log {@code metric} per {@code "store entity"}, where it is not zero. */
    private static Map<String, Long> logged(TableStore tables, LocalDate night, String metric) {
        Map<String, Long> values = new java.util.TreeMap<>();
        tables.read(Tables.RUN_LOG).filter(functions.col("business_date").equalTo(functions.lit(java.sql.Date.valueOf(night)))
                        .and(functions.col("metric").equalTo(metric)).and(functions.col("value").gt(0))).collectAsList()
                .forEach(r -> values.put(r.getAs("store_id") + " " + r.getAs("entity"), r.getAs("value")));
        return values;
    }

    private static List<String> contents(TableStore tables, WarehouseTable table) {
        return contentsOf(tables.read(table));
    }

    private static String reason(String kind, String file) {
        if (kind.equals("wrong_field_count") && file.endsWith(".jsonl")) {
            return "malformed_json";
        }
        return kind;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
