package org.retentionwarehouse.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * A customer key's life across nights, on a store's hand-written customer files: two people become
 * one when a record bridges them, the younger key is retired into the older in
 * {@code core.customer_merge}; when the bridging record is corrected they part again, and the key
 * that comes back is no longer listed as retired. The merging night fails once in its core writes
 * and is run again, as an operator would.
 */
class CustomerKeyLifecycleTest {

    private static final String HEADER = "CustomerNo,System,Name,Mobile,IdCardNo,Gender,BirthDate,CustomerType,Company,Tier,OptOut,Blacklist,City,CreatedOn";
    private static final LocalDate SIMULATED = LocalDate.of(2026, 3, 1);
    /** After the simulated group's own nights, whose extracts are never loaded. */
    private static final LocalDate NIGHT = SIMULATED.plusDays(10);
    /** GB 11643's own example of an 18-character ID number. */
    private static final String ID_NUMBER = "11010519491231002X";

    @TempDir
    static Path root;

    static SparkSession spark;
    static IngestStage stage;
    static TableStore tables;

    @BeforeAll
    static void start() throws IOException {
        // The simulator's store registry, whose first store reads the AlphaDMS layout; its extracts are not used.
        new Simulator(new SimulationSettings(5, 1, 50, SIMULATED.minusYears(1), SIMULATED, 1, 0, 0, List.of(), 1)).generate(root);
        Files.writeString(root.resolve("conf/retention.yaml"), "spark:\n  shuffle_partitions: 2\n"
                + "  extra:\n    spark.sql.adaptive.enabled: \"false\"\n");
        DataHome home = new DataHome(root);
        RetentionSettings settings = RetentionSettings.load(home);
        spark = SparkSessionFactory.create(home, settings);
        stage = new IngestStage(spark, home, settings);
        tables = new TableStore(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aBridgeMergesTwoCustomersAndItsCorrectionPartsThemAgain() throws IOException {
        // Two people: A holds the ID number, B the mobile.
        deliver(NIGHT, "A,SALES,王五,13800000001," + ID_NUMBER + ",,,P,,,N,N,杭州,2020-01-01", "B,SERVICE,赵六,13900000002,,,,P,,,N,N,杭州,2021-01-01");
        Map<String, String> first = keys();
        assertThat(first.get("A")).isNotEqualTo(first.get("B"));

        // C carries A's ID number and B's mobile and name: the three are one customer, keyed as A, the oldest.
        // The night first fails in its core writes (dim_customer's files are away for a moment), then is run again.
        write(NIGHT.plusDays(1), "C,CRM,赵六,13900000002," + ID_NUMBER + ",,,P,,,N,N,杭州,2022-01-01");
        Path data = root.resolve("warehouse/core/dim_customer/data");
        Path aside = root.resolve("warehouse/core/dim_customer/data.aside");
        Files.move(data, aside);
        try {
            assertThatThrownBy(() -> stage.run(NIGHT.plusDays(1))).isNotNull();
        } finally {
            Files.move(aside, data);
        }
        assertThat(stage.run(NIGHT.plusDays(1)).quarantined()).isZero();
        Map<String, String> merged = keys();
        assertThat(merged).containsEntry("A", first.get("A")).containsEntry("B", first.get("A")).containsEntry("C", first.get("A"));
        assertThat(retired()).containsExactly(Map.entry(first.get("B"), first.get("A")));
        assertThat(currentCustomers()).containsExactly(first.get("A"));

        // C's ID number was a typing error: corrected, C stays with B, and B's key is B's again.
        deliver(NIGHT.plusDays(2), "C,CRM,赵六,13900000002,,,,P,,,N,N,杭州,2022-01-01");
        Map<String, String> parted = keys();
        assertThat(parted).containsEntry("A", first.get("A")).containsEntry("B", first.get("B")).containsEntry("C", first.get("B"));
        assertThat(retired()).isEmpty();
        assertThat(currentCustomers()).containsExactlyInAnyOrder(first.get("A"), first.get("B"));
    }

    private static void deliver(LocalDate night, String... rows) throws IOException {
        write(night, rows);
        assertThat(stage.run(night).quarantined()).isZero();
    }

    private static void write(LocalDate night, String... rows) throws IOException {
        Path folder = root.resolve("inbox/S01/" + night);
        Files.createDirectories(folder);
        Files.write(folder.resolve("customers_" + night.format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv"),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(HEADER), java.util.Arrays.stream(rows)).toList());
    }

    private static List<String> currentCustomers() {
        return tables.read(Tables.DIM_CUSTOMER).filter(col("is_current")).select("customer_key").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
    }

    /** Source id to customer key. */
    private static Map<String, String> keys() {
        Map<String, String> keys = new TreeMap<>();
        tables.read(Tables.CUSTOMER_XREF).collectAsList().forEach(r -> keys.put(r.getAs("source_id"), r.getAs("customer_key")));
        return keys;
    }

    /** Retired key to the key that absorbed it. */
    private static Map<String, String> retired() {
        Map<String, String> retired = new TreeMap<>();
        List<Row> rows = tables.read(Tables.CUSTOMER_MERGE).collectAsList();
        rows.forEach(r -> retired.put(r.getAs("retired_key"), r.getAs("customer_key")));
        return retired;
    }
}
