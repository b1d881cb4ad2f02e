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
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The nightly job end to end on a tiny simulated group, through Spring Batch and real Iceberg tables,
 * with its restart semantics on real processes: an identical copy of the group ({@code killed}) has
 * its first night killed with SIGKILL in the middle of the ingest writes and run again, and must end
 * equal to this test's uninterrupted first night; while it runs, a second launch of the date exits 3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyJobTest {

    @TempDir
    static Path temp;

    static Path root;
    static Path killed;

    static SimulationSettings simulation;
    static AnnotationConfigApplicationContext context;
    static NightLauncher launcher;

    @BeforeAll
    static void generate() throws IOException {
        SimulationSettings demo = SimulationSettings.demo(5);
        simulation = new SimulationSettings(5, 3, 800, demo.firstNight().minusYears(3), demo.firstNight(), 2,
                0.01, 0.1, List.of(demo.firstNight().plusDays(2)), 4);
        root = temp.resolve("home");
        killed = temp.resolve("killed");
        new Simulator(simulation).generate(root);
        new Simulator(simulation).generate(killed);
        context = PipelineContext.open(new DataHome(root));
        launcher = new NightLauncher(context);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    @Order(1)
    void aNightKilledMidWriteAndRunAgainEqualsAnUninterruptedNight() throws Exception {
        String night = simulation.firstNight().toString();
        Path firstLog = temp.resolve("killed-run.log");
        LauncherProcess run = LauncherProcess.start(killed, firstLog, "airflow/run-job.sh", night);
        // Kill once the ingest step has committed a few of its tables, with more to come.
        while (run.isAlive() && snapshots(killed) < 3) {
            Thread.sleep(100);
        }
        assertThat(run.isAlive()).as("the run ended before it could be killed:\n%s", LauncherProcess.tail(firstLog)).isTrue();
        Path secondLog = temp.resolve("concurrent.log");
        assertThat(LauncherProcess.run(killed, secondLog, "airflow/run-job.sh", night))
                .as(LauncherProcess.tail(secondLog)).isEqualTo(ExitCode.LOCKED.code());
        assertThat(Files.readString(secondLog)).contains("holds", "locks/" + night + ".lock");
        assertThat(run.isAlive()).as("still running when killed").isTrue();
        run.killHard();

        Path rerunLog = temp.resolve("rerun.log");
        assertThat(LauncherProcess.run(killed, rerunLog, "airflow/run-job.sh", night))
                .as(LauncherProcess.tail(rerunLog)).isEqualTo(ExitCode.DONE.code());
        assertThat(Files.readString(rerunLog)).contains("left running by a process that died");

        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.firstNight(), false)).isEqualTo(ExitCode.DONE);
        SparkSession spark = context.getBean(SparkSession.class);
        String catalog = "killed";
        spark.conf().set("spark.sql.catalog." + catalog, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set("spark.sql.catalog." + catalog + ".type", "hadoop");
        spark.conf().set("spark.sql.catalog." + catalog + ".warehouse", killed.resolve("warehouse").toUri().toString());
        TableStore tables = new TableStore(spark);
        // The model registry records each home's own model folder; everything else must match to the byte.
        Map<String, List<String>> afterKill = new TreeMap<>();
        contents(table -> spark.table(catalog + "." + table.namespace() + "." + table.name())).forEach((table, rows) ->
                afterKill.put(table, rows.stream().map(r -> r.replace(killed.toString(), root.toString())).sorted().toList()));
        assertThat(afterKill).isEqualTo(contents(tables::read));
        assertThat(csvOutputs(killed, night)).isEqualTo(csvOutputs(root, night)).isNotEmpty();

        try (AnnotationConfigApplicationContext history = PipelineContext.open(new DataHome(killed))) {
            JobExplorer explorer = history.getBean(JobExplorer.class);
            JobInstance instance = explorer.getJobInstances(BatchConfiguration.NIGHTLY, 0, 10).get(0);
            assertThat(explorer.getJobExecutions(instance)).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
        }
    }

    @Test
    @Order(2)
    void aBackfillRunsTheNightsInOrderAndStopsAtTheFirstBadOneThenEveryNightIsPublished() throws IOException {
        // A delivery for the night after the last one whose header lacks a mapped column.
        LocalDate second = simulation.firstNight().plusDays(1);
        LocalDate bad = simulation.lastNight().plusDays(1);
        Path file;
        try (Stream<Path> files = Files.walk(root.resolve("inbox"))) {
            file = files.filter(p -> p.getParent().getFileName().toString().equals(second.toString())
                    && p.getFileName().toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
        }
        String badName = file.getFileName().toString().replace(second.toString().replace("-", ""), bad.toString().replace("-", ""));
        Path badFolder = Files.createDirectories(file.getParent().resolveSibling(bad.toString()));
        List<String> original = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.writeString(badFolder.resolve(badName),
                "no_such_column\n" + String.join("\n", original.subList(1, original.size())) + "\n");

        assertThat(launcher.backfill(BatchConfiguration.NIGHTLY, simulation.firstNight(), bad)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(root.resolve("outputs").resolve(simulation.lastNight().toString())).isDirectory();
        assertThat(root.resolve("outputs").resolve(bad.toString())).doesNotExist();
        // Run again over the done dates: every one is a no-op.
        assertThat(launcher.backfill(BatchConfiguration.NIGHTLY, simulation.firstNight(), simulation.lastNight()))
                .isEqualTo(ExitCode.DONE);

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
    @Order(3)
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
    @Order(4)
    void aCompletedDateIsANoOpAndAForcedRerunLeavesTheSameTables() {
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        Map<String, List<String>> before = contents(tables::read);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), false)).isEqualTo(ExitCode.DONE);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), true)).isEqualTo(ExitCode.DONE);
        assertThat(contents(tables::read)).isEqualTo(before);
    }

    private static Map<String, List<String>> contents(Function<WarehouseTable, Dataset<Row>> read) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (WarehouseTable table : Tables.all()) {
            contents.put(table.qualifiedName(), read.apply(table).collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return contents;
    }

    private static long snapshots(Path home) throws IOException {
        if (!Files.isDirectory(home.resolve("warehouse"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(home.resolve("warehouse"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("snap-")).count();
        }
    }

    private static Map<String, String> csvOutputs(Path home, String night) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(home.resolve("outputs").resolve(night))) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
