package org.retentionwarehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.retentionwarehouse.warehouse.table.WarehouseTable;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The nightly job end to end on a tiny simulated group, through Spring Batch and real Iceberg tables. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyJobTest {

    @TempDir
    static Path root;

    static SimulationSettings simulation;
    static AnnotationConfigApplicationContext context;
    static NightLauncher launcher;

    @BeforeAll
    static void generate() throws IOException {
        SimulationSettings demo = SimulationSettings.demo(5);
        simulation = new SimulationSettings(5, 3, 800, demo.firstNight().minusYears(3), demo.firstNight(), 2,
                0.01, 0.1, List.of(demo.firstNight().plusDays(2)), 4);
        new Simulator(simulation).generate(root);
        context = PipelineContext.open(new DataHome(root));
        launcher = new NightLauncher(context);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    @Order(1)
    void everyNightCompletesAndPublishesRankedCappedListsPerStore() throws IOException {
        for (LocalDate night = simulation.firstNight(); !night.isAfter(simulation.lastNight()); night = night.plusDays(1)) {
            assertThat(launcher.launch(BatchConfiguration.NIGHTLY, night, false)).as(night.toString()).isEqualTo(ExitCode.DONE);
        }
        Path outputs = root.resolve("outputs").resolve(simulation.lastNight().toString());
        List<Path> lists;
        try (Stream<Path> files = Files.list(outputs)) {
            lists = files.filter(p -> p.getFileName().toString().startsWith("retention_")).sorted().toList();
        }
        assertThat(lists).hasSize(simulation.stores());
        for (Path list : lists) {
            byte[] bytes = Files.readAllBytes(list);
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            assertThat(lines.size()).isGreaterThan(1);
        }
        SparkSession spark = context.getBean(SparkSession.class);
        TableStore tables = new TableStore(spark);
        List<Row> list = tables.read(Tables.RETENTION_LIST).orderBy("store_id", "rank").collectAsList();
        Map<String, Integer> capacity = new HashMap<>();
        tables.read(Tables.DIM_STORE).collectAsList().forEach(r -> capacity.put(r.getAs("store_id"), r.getAs("calling_capacity")));
        Map<String, List<Row>> perStore = new TreeMap<>();
        list.stream().filter(r -> r.getDate(0).toLocalDate().equals(simulation.lastNight()))
                .forEach(r -> perStore.computeIfAbsent(r.getAs("store_id"), k -> new ArrayList<>()).add(r));
        perStore.forEach((store, rows) -> {
            assertThat(rows.size()).isLessThanOrEqualTo(capacity.get(store));
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).<Double>getAs("value_at_risk")).isLessThanOrEqualTo(rows.get(i - 1).getAs("value_at_risk"));
            }
        });
    }

    @Test
    @Order(2)
    void listsNeverHoldOptedOutOrBlacklistedPeople() throws IOException {
        Set<String> refusing = new HashSet<>();
        List<String> persons = Files.readAllLines(root.resolve("truth/persons.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(persons.get(0).split(","));
        for (String line : persons.subList(1, persons.size())) {
            String[] f = line.split(",", -1);
            if (Boolean.parseBoolean(f[header.indexOf("opt_out")]) || Boolean.parseBoolean(f[header.indexOf("blacklist")])) {
                refusing.add(f[header.indexOf("person_id")]);
            }
        }
        Map<String, String> personOfRecord = new HashMap<>();
        List<String> records = Files.readAllLines(root.resolve("truth/source_records.csv"), StandardCharsets.UTF_8);
        List<String> rh = List.of(records.get(0).split(","));
        for (String line : records.subList(1, records.size())) {
            String[] f = line.split(",", -1);
            personOfRecord.put(f[rh.indexOf("store_id")] + "|" + f[rh.indexOf("source_id")], f[rh.indexOf("person_id")]);
        }
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        List<Row> listed = tables.read(Tables.RETENTION_LIST).select("customer_key")
                .join(tables.read(Tables.CUSTOMER_XREF), "customer_key").collectAsList();
        assertThat(listed).isNotEmpty();
        assertThat(refusing).isNotEmpty();
        for (Row r : listed) {
            String person = personOfRecord.get(r.<String>getAs("store_id") + "|" + r.<String>getAs("source_id"));
            assertThat(refusing).as("listed record %s", r).doesNotContain(person);
        }
    }

    @Test
    @Order(3)
    void aCompletedDateIsANoOpAndAForcedRerunLeavesTheSameTables() {
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        Map<String, List<String>> before = contents(tables);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), false)).isEqualTo(ExitCode.DONE);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), true)).isEqualTo(ExitCode.DONE);
        assertThat(contents(tables)).isEqualTo(before);
    }

    private static Map<String, List<String>> contents(TableStore tables) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (WarehouseTable table : Tables.all()) {
            contents.put(table.qualifiedName(), tables.read(table).collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return contents;
    }
}
