package org.retentionwarehouse.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.retentionwarehouse.ingest.delivery.Delivery;
import org.retentionwarehouse.ingest.delivery.DeliveryFinder;
import org.retentionwarehouse.ingest.parse.ExtractParser;
import org.retentionwarehouse.ingest.parse.StagingRows;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.config.Store;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * Identity resolution on several simulated groups of five stores (every dialect and every trap the
 * simulator plants): pairwise precision and recall against the simulator's truth of at least 0.99,
 * and no trap merges two people. Each group's initial extract goes through the real parser and
 * resolver in memory; {@code IngestAgainstTruthTest} covers the same resolution night by night
 * through the warehouse tables.
 */
class IdentityAcrossSeedsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("identity-seeds")
                .config("spark.sql.shuffle.partitions", 4).config("spark.ui.enabled", false)
                // Adaptive re-planning only adds per-query overhead to a tiny test's queries.
                .config("spark.sql.adaptive.enabled", false).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 202, 303})
    void fiveStoresAreResolvedPreciselyWithoutMergingAnyTrap(long seed, @TempDir Path root) throws IOException {
        LocalDate night = LocalDate.of(2026, 11, 1);
        new Simulator(new SimulationSettings(seed, 5, 400, night.minusYears(2), night, 0, 0.01, 0, List.of(), 1))
                .generate(root);
        DataHome home = new DataHome(root);
        StoreRegistry registry = StoreRegistry.load(home.storesFile());
        assertThat(registry.stores().stream().map(Store::dialect).distinct()).as("dialects").hasSize(3);

        Map<SourceEntity, Dataset<Row>> staged = parse(home, registry, night);
        Dataset<Row> noXref = spark.createDataFrame(List.of(), Tables.CUSTOMER_XREF.schema());
        Dataset<Row> customers = staged.get(SourceEntity.CUSTOMER);
        Dataset<Row> evidence = CustomerEvidence.of(customers, noXref, customers.select("store_id", "source_id"), night);
        Dataset<Row> transactions = CustomerEvidence.transactions(staged.get(SourceEntity.VEHICLE),
                staged.get(SourceEntity.SALE), staged.get(SourceEntity.SERVICE_ORDER), staged.get(SourceEntity.INTERACTION));
        double threshold = RetentionSettings.load(home).ingest().matchThreshold();
        IdentityResolver.Resolution resolution = new IdentityResolver(spark, threshold).resolve(evidence, transactions);

        IdentityEvaluation.Result result = new IdentityEvaluation(spark).evaluate(resolution.changed(), root.resolve("truth"));
        assertThat(result.records()).as("seed %d", seed).isGreaterThan(1000);
        assertThat(result.mergedTraps()).as("seed %d", seed).isEmpty();
        assertThat(result.precision()).as("seed %d precision", seed).isGreaterThanOrEqualTo(0.99);
        assertThat(result.recall()).as("seed %d recall", seed).isGreaterThanOrEqualTo(0.99);
    }

    /** The night's delivery as the staging rows the ingest step would merge, kept in memory. */
    private static Map<SourceEntity, Dataset<Row>> parse(DataHome home, StoreRegistry registry, LocalDate night) {
        Delivery delivery = new DeliveryFinder(home, registry, "").find(night);
        ExtractParser parser = new ExtractParser(registry, "identity-test-key".getBytes(StandardCharsets.UTF_8),
                spark.sparkContext().hadoopConfiguration());
        List<Row> rows = new ArrayList<>();
        delivery.files().forEach(file -> rows.addAll(parser.parse(file)));
        Dataset<Row> parsed = spark.createDataFrame(rows, ExtractParser.SCHEMA).cache();
        Map<SourceEntity, Dataset<Row>> staged = new EnumMap<>(SourceEntity.class);
        for (SourceEntity entity : SourceEntity.values()) {
            staged.put(entity, StagingRows.canonical(parsed, entity).cache());
        }
        return staged;
    }
}
