package org.retentionwarehouse.pipeline;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import org.retentionwarehouse.reports.ReportsStage;
import org.retentionwarehouse.reports.lists.ListType;
import org.retentionwarehouse.reports.publish.PhoneMask;
import org.retentionwarehouse.scoring.ScoringStage;
import org.retentionwarehouse.scoring.evaluation.ChurnEvaluation;
import org.retentionwarehouse.scoring.evaluation.ChurnTruth;
import org.retentionwarehouse.scoring.explain.Reasons;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.segments.Segments;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.PublishedNights;
import org.retentionwarehouse.warehouse.table.TableMaintenance;
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
 * its first night killed with SIGKILL in the middle of the ingest writes, then at the boundary between
 * scoring and reports, and run again, and must end equal to this test's uninterrupted first night;
 * while it runs, a second launch of the date exits 3.
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
                0.01, 0.1, List.of(demo.firstNight().minusYears(1), demo.firstNight().plusDays(2)), 4);
        root = temp.resolve("home");
        killed = temp.resolve("killed");
        new Simulator(simulation).generate(root);
        new Simulator(simulation).generate(killed);
        // This test is about the pipeline, not the models' quality or the tuning for large groups:
        // smaller forests, fewer shuffle partitions and no adaptive re-planning (a tenth of a tiny
        // night) keep the suite's time down. StandaloneClusterIT runs a night with the defaults.
        for (Path home : List.of(root, killed)) {
            Files.writeString(home.resolve("conf/retention.yaml"), "spark:\n  shuffle_partitions: 2\n"
                    + "  extra:\n    spark.sql.adaptive.enabled: \"false\"\nscoring:\n  trees: 60\n  backtest_origins: 1\n");
        }
        context = PipelineContext.open(new DataHome(root));
        launcher = new NightLauncher(context);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    @Order(1)
    void aNightKilledMidWriteAndBeforeItsReportsStepThenRunAgainEqualsAnUninterruptedNight() throws Exception {
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
        // Another date waits too: nights build on each other and write the same tables.
        Path otherLog = temp.resolve("other-date.log");
        assertThat(LauncherProcess.run(killed, otherLog, "airflow/run-job.sh", simulation.firstNight().plusDays(1).toString()))
                .as(LauncherProcess.tail(otherLog)).isEqualTo(ExitCode.LOCKED.code());
        assertThat(Files.readString(otherLog)).contains("locks/warehouse.lock");
        assertThat(run.isAlive()).as("still running when killed").isTrue();
        run.killHard();

        // Run it again, which repeats the ingest over tables that already hold part of the night, and kill
        // that run just after its scoring step is recorded complete, so that the last run has only the
        // reports step left.
        assertThat(killOnceLogged(night, "killed-after-scoring.log", "reportsStep " + night + ": started"))
                .contains("left running by a process that died", "IngestStage - ingest " + night, "ScoringStage - scoring " + night)
                .doesNotContain("ReportsStage - reports");

        Path rerunLog = temp.resolve("rerun.log");
        assertThat(LauncherProcess.run(killed, rerunLog, "airflow/run-job.sh", night))
                .as(LauncherProcess.tail(rerunLog)).isEqualTo(ExitCode.DONE.code());
        assertThat(Files.readString(rerunLog)).contains("left running by a process that died", "reportsStep " + night + ": started")
                .doesNotContain("ingestStep " + night + ": started", "scoringStep " + night + ": started");

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
        assertSameTables(afterKill, contents(tables::read));
        assertThat(csvOutputs(killed, night)).isEqualTo(csvOutputs(root, night)).isNotEmpty();

        try (AnnotationConfigApplicationContext history = PipelineContext.open(new DataHome(killed))) {
            JobExplorer explorer = history.getBean(JobExplorer.class);
            JobInstance instance = explorer.getJobInstances(BatchConfiguration.NIGHTLY, 0, 10).get(0);
            assertThat(explorer.getJobExecutions(instance)).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.FAILED, BatchStatus.COMPLETED);
        }
    }

    /** Launches the night on the {@code killed} home and kills it with SIGKILL once its log shows {@code text}; returns the log. */
    private static String killOnceLogged(String night, String logName, String text) throws Exception {
        Path log = temp.resolve(logName);
        LauncherProcess run = LauncherProcess.start(killed, log, "airflow/run-job.sh", night);
        // Decoded leniently: the log may end inside a character the child is still writing.
        while (run.isAlive() && !new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text)) {
            Thread.sleep(50);
        }
        assertThat(run.isAlive()).as("the run ended before it could be killed:\n%s", LauncherProcess.tail(log)).isTrue();
        run.killHard();
        return Files.readString(log);
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
        // No-ops, not restarts: the job repository kept every completion (it once lost them when H2 failed to close).
        JobExplorer explorer = context.getBean(JobExplorer.class);
        assertThat(explorer.getJobInstances(BatchConfiguration.NIGHTLY, 0, 100).stream()
                .flatMap(instance -> explorer.getJobExecutions(instance).stream())
                .map(e -> e.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE) + " " + e.getStatus()))
                .containsExactlyInAnyOrder(simulation.firstNight() + " COMPLETED", second + " COMPLETED",
                        simulation.lastNight() + " COMPLETED", bad + " FAILED");

        Path outputs = root.resolve("outputs").resolve(simulation.lastNight().toString());
        List<Path> lists;
        try (Stream<Path> files = Files.list(outputs)) {
            lists = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("(retention|win_back|nurture|repurchase)_.+\\.(csv|xlsx)")).sorted().map(outputs::resolve).toList();
        }
        assertThat(lists).hasSize(2 * ListType.values().length * simulation.stores());
        assertThat(outputs.resolve("scores.parquet")).isRegularFile();
        assertThat(outputs.resolve("retention_list.parquet")).isRegularFile();
        assertThat(outputs.resolve("kpi_store_daily.parquet")).isRegularFile();
        assertThat(outputs.resolve("run-summary.json")).isRegularFile();
        assertThat(outputs.resolve("report.html")).isRegularFile();
        for (Path list : lists.stream().filter(p -> p.toString().endsWith(".csv")).toList()) {
            byte[] bytes = Files.readAllBytes(list);
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            assertThat(lines.size()).as(list.toString()).isGreaterThanOrEqualTo(1);
            if (list.getFileName().toString().startsWith("retention_")) {
                assertThat(lines.size()).as(list.toString()).isGreaterThan(1);
            }
        }
        SparkSession spark = context.getBean(SparkSession.class);
        TableStore tables = new TableStore(spark);
        List<Row> list = tables.read(Tables.RETENTION_LIST).orderBy("list_type", "store_id", "rank").collectAsList();
        Map<String, Integer> capacity = new HashMap<>();
        tables.read(Tables.DIM_STORE).collectAsList().forEach(r -> capacity.put(r.getAs("store_id"), r.getAs("calling_capacity")));
        Map<String, List<Row>> perList = new TreeMap<>();
        list.stream().filter(r -> r.getDate(0).toLocalDate().equals(simulation.lastNight()))
                .forEach(r -> perList.computeIfAbsent(r.getAs("list_type") + " " + r.getAs("store_id"), k -> new ArrayList<>()).add(r));
        perList.forEach((key, rows) -> {
            assertThat(rows.size()).as(key).isLessThanOrEqualTo(capacity.get(key.split(" ")[1]));
            assertThat(rows).extracting(r -> r.<Integer>getAs("rank")).as(key)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, rows.size()).boxed().toList());
            if (key.startsWith("retention ")) {
                for (int i = 1; i < rows.size(); i++) {
                    assertThat(rows.get(i).<Double>getAs("value_at_risk")).isLessThanOrEqualTo(rows.get(i - 1).getAs("value_at_risk"));
                }
            }
        });
        // Every night: each customer on one list at most, and every list in use over the nights.
        assertThat(list.stream().map(r -> r.getDate(0) + " " + r.getAs("customer_key")).distinct().count()).isEqualTo(list.size());
        assertThat(list.stream().map(r -> r.<String>getAs("list_type")).distinct().sorted().toList())
                .containsExactlyInAnyOrder(java.util.Arrays.stream(ListType.values()).map(ListType::id).toArray(String[]::new));
        // A dated occasion carries its date, and a maintenance reminder is due within the notice window or overdue.
        assertThat(list).filteredOn(r -> List.of("保养提醒", "续保提醒", "年检提醒", "生日关怀").contains(r.<String>getAs("action")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.<java.sql.Date>getAs("due_date")).isNotNull());
        assertThat(list).filteredOn(r -> "保养提醒".equals(r.getAs("action")))
                .allSatisfy(r -> assertThat(r.<java.sql.Date>getAs("due_date").toLocalDate()).isBeforeOrEqualTo(r.getDate(0).toLocalDate().plusDays(30)));
        assertThat(list).allSatisfy(r -> assertThat(r.<java.sql.Date>getAs("last_visit_date")).isNotNull());
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
    @Order(3)
    void eachStoreFileReadsBackInExcelWithFullPhonesAndTheGroupParquetMasksThem() throws Exception {
        Path outputs = root.resolve("outputs").resolve(simulation.lastNight().toString());
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        List<Row> marts = tables.read(Tables.RETENTION_LIST)
                .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(simulation.lastNight()))))
                .orderBy("store_id", "rank").collectAsList();
        Map<String, List<List<String>>> csvPerStore = new TreeMap<>();
        for (Row r : tables.read(Tables.DIM_STORE).collectAsList()) {
            String store = r.getAs("store_id");
            List<String> csv = Files.readAllLines(outputs.resolve("retention_" + store + ".csv"), StandardCharsets.UTF_8);
            List<List<String>> xlsx = new ArrayList<>();
            try (InputStream in = Files.newInputStream(outputs.resolve("retention_" + store + ".xlsx"));
                 ReadableWorkbook workbook = new ReadableWorkbook(in)) {
                for (org.dhatim.fastexcel.reader.Row row : workbook.getFirstSheet().read()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        cells.add(row.getCellText(c));
                    }
                    xlsx.add(cells);
                }
            }
            // Same header (Chinese, the default language) and the same customers in the same order as the CSV.
            assertThat(csv.get(0)).isEqualTo("\uFEFF" + String.join(",", xlsx.get(0)));
            assertThat(xlsx.get(0)).startsWith("排名", "客户编号", "姓名", "电话", "车辆", "上次到店日期", "距上次到店天数", "建议行动");
            assertThat(xlsx).hasSize(csv.size());
            for (int i = 1; i < csv.size(); i++) {
                assertThat(csv.get(i)).contains(xlsx.get(i).get(1), xlsx.get(i).get(2), xlsx.get(i).get(3), xlsx.get(i).get(7));
            }
            csvPerStore.put(store, xlsx.subList(1, xlsx.size()));
        }
        List<Row> storeRows = marts.stream().filter(r -> ListType.RETENTION.id().equals(r.getAs("list_type"))).toList();
        List<List<String>> fromFiles = csvPerStore.values().stream().flatMap(List::stream).toList();
        assertThat(fromFiles).hasSize(storeRows.size());
        for (int i = 0; i < storeRows.size(); i++) {
            assertThat(fromFiles.get(i).get(1)).isEqualTo(storeRows.get(i).getAs("customer_key"));
            assertThat(fromFiles.get(i).get(3)).isEqualTo(storeRows.get(i).getAs("phone"));
            assertThat(fromFiles.get(i).get(7)).matches(".*\\p{IsHan}.*");
        }

        // A BI tool (DuckDB here) reads the group-level Parquet files as Spark does: same rows, phones masked.
        SparkSession spark = context.getBean(SparkSession.class);
        for (String file : List.of("retention_list.parquet", "scores.parquet", "kpi_store_daily.parquet")) {
            Path parquet = outputs.resolve(file);
            List<String> bySpark = spark.read().parquet(parquet.toString()).collectAsList().stream()
                    .map(NightlyJobTest::text).sorted().toList();
            assertThat(duckDb(parquet)).as(file).isNotEmpty().isEqualTo(bySpark);
        }
        List<String> maskedMart = tables.read(Tables.RETENTION_LIST)
                .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(simulation.lastNight()))))
                .withColumn("phone", PhoneMask.mask(col("phone"))).collectAsList().stream().map(NightlyJobTest::text).sorted().toList();
        assertThat(duckDb(outputs.resolve("retention_list.parquet"))).isEqualTo(maskedMart);
        List<Row> groupList = spark.read().parquet(outputs.resolve("retention_list.parquet").toString()).collectAsList();
        assertThat(groupList).allSatisfy(r -> assertThat(r.<String>getAs("phone")).doesNotMatch(".*[0-9]{5}.*"));
        assertThat(spark.read().parquet(outputs.resolve("scores.parquet").toString()).count())
                .isEqualTo(tables.read(Tables.CUSTOMER_SCORES)
                        .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(simulation.lastNight())))).count());
        // Each score carries its customer's tier and type as the golden record has them tonight.
        Dataset<Row> scores = tables.read(Tables.CUSTOMER_SCORES)
                .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(simulation.lastNight()))));
        Dataset<Row> golden = tables.read(Tables.DIM_CUSTOMER).filter(col("is_current"));
        assertThat(scores.join(golden, scores.col("customer_key").equalTo(golden.col("customer_key")), "left")
                .filter(not(scores.col("tier").eqNullSafe(golden.col("tier"))
                        .and(scores.col("customer_segment").eqNullSafe(golden.col("customer_type"))))).count()).isZero();
        assertThat(scores.filter(col("tier").isNotNull()).count()).isPositive();
        // A reason always describes a value the customer has: no "low satisfaction" without a survey.
        Dataset<Row> features = tables.read(Tables.CUSTOMER_FEATURES)
                .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(simulation.lastNight()))));
        Dataset<Row> explained = scores.select("customer_key", "reason_codes", "lifecycle_class", "value_source", "expected_value_12m")
                .join(features, "customer_key");
        assertThat(explained.filter(col("reason_codes").notEqual(lit(""))).count()).isPositive();
        // The expected value says where it came from: the lifetime-value models, or the stand-in without them.
        assertThat(explained.filter(col("value_source").equalTo(lit("clv"))).count()).isPositive();
        assertThat(explained.filter(not(col("value_source").equalTo(lit("clv")).and(col("expected_value_12m").equalTo(col("clv_12m")))
                .or(col("value_source").equalTo(lit("spend_24m")).and(col("clv_12m").isNull())
                        .and(col("expected_value_12m").equalTo(col("service_spend_24m").divide(2)))))).count()).isZero();
        // Lifecycle A is a new customer; B a stable one at risk.
        assertThat(explained.filter(col("lifecycle_class").equalTo(lit("A"))
                .and(col("tenure_days").geq(Segments.STABLE_TENURE_DAYS))).count()).isZero();
        assertThat(explained.filter(col("lifecycle_class").equalTo(lit("B"))
                .and(col("service_visits_24m").lt(Segments.STABLE_VISITS_24M))).count()).isZero();
        assertThat(explained.filter(col("lifecycle_class").equalTo(lit("A"))).count()).isPositive();
        // A store that delivered no folder on a night is in that night's run log (and report), never silently absent.
        List<String> stores = tables.read(Tables.DIM_STORE).select("store_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        for (LocalDate night = simulation.firstNight(); !night.isAfter(simulation.lastNight()); night = night.plusDays(1)) {
            LocalDate d = night;
            List<String> absent = stores.stream().filter(store -> !Files.isDirectory(root.resolve("inbox").resolve(store)
                    .resolve(d.toString()))).sorted().toList();
            assertThat(tables.read(Tables.RUN_LOG).filter(col("business_date").equalTo(lit(java.sql.Date.valueOf(d)))
                            .and(col("metric").equalTo(lit(Tables.RUN_LOG_NO_DELIVERY)))).select("store_id")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).as("stores without a delivery on %s", d)
                    .containsExactlyInAnyOrderElementsOf(absent);
        }
        for (String feature : FeatureBuilder.MODEL_FEATURES) {
            assertThat(explained.filter(col(feature).isNull()
                    .and(array_contains(split(col("reason_codes"), ","), Reasons.of(feature).code()))).count())
                    .as("reasons %s without a value", Reasons.of(feature).code()).isZero();
        }
        // Sentences that state a fact hold for the customer they are told of.
        assertThat(explained.filter(array_contains(split(col("reason_codes"), ","), Reasons.of("in_warranty").code())
                .and(col("in_warranty").notEqual(lit(0)))).count()).isZero();
        assertThat(explained.filter(array_contains(split(col("reason_codes"), ","), Reasons.of("maintenance_overdue_days").code())
                .and(col("maintenance_overdue_days").leq(lit(0)))).count()).isZero();
    }

    @Test
    @Order(3)
    void kpisHaveARowPerStoreAndTheGroupEveryNightAndTheRunSummaryAgreesWithTheWarehouse() throws IOException {
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        List<Row> kpis = tables.read(Tables.KPI_STORE_DAILY).orderBy("snapshot_date", "store_id").collectAsList();
        long nights = simulation.firstNight().datesUntil(simulation.lastNight().plusDays(1)).count();
        assertThat(kpis).hasSize((int) nights * (simulation.stores() + 1));
        LocalDate last = simulation.lastNight();
        List<Row> tonight = kpis.stream().filter(r -> r.getDate(0).toLocalDate().equals(last)).toList();
        Row group = tonight.stream().filter(r -> Tables.GROUP.equals(r.getAs("store_id"))).findFirst().orElseThrow();
        List<Row> stores = tonight.stream().filter(r -> !Tables.GROUP.equals(r.getAs("store_id"))).toList();
        for (String count : List.of("active_customers", "retention_cohort", "retained_customers", "lost_customers",
                "open_complaints", "retention_list_size")) {
            assertThat(stores.stream().mapToLong(r -> r.<Long>getAs(count)).sum()).as(count).isEqualTo(group.<Long>getAs(count));
        }
        assertThat(group.<Long>getAs("active_customers")).isEqualTo(tables.read(Tables.CUSTOMER_FEATURES)
                .filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(last)))).count());
        assertThat(group.<Double>getAs("retention_rate")).isBetween(0.3, 1.0);
        assertThat(group.<Double>getAs("retention_rate") + group.<Double>getAs("churn_rate")).isCloseTo(1.0, within(1e-9));
        assertThat(group.<Double>getAs("satisfaction")).isBetween(1.0, 5.0);
        assertThat(group.<String>getAs("model_version")).isNotBlank();
        // The first night trained both models, each the first champion of its target; the later nights
        // neither drifted nor were due.
        List<String> registry = tables.read(Tables.MODEL_REGISTRY).collectAsList().stream()
                .map(r -> r.getAs("model_version") + " " + r.getAs("target") + " " + r.getAs("status") + " " + r.getAs("trigger"))
                .sorted().toList();
        String first = simulation.firstNight().toString();
        assertThat(registry).containsExactly("churn-" + first + " churn champion first_model",
                "repurchase-" + first + " repurchase champion first_model");
        // Backtested at the one configured origin, the latest cutoff whose outcome had closed, on its customers.
        Row churnModel = tables.read(Tables.MODEL_REGISTRY).filter(col("model_version").equalTo("churn-" + first)).first();
        assertThat(churnModel.<String>getAs("backtest_origins")).startsWith(simulation.firstNight().minusYears(1) + " 0.");
        assertThat(churnModel.<Double>getAs("backtest_auc")).isBetween(0.6, 1.0);
        assertThat(churnModel.<Long>getAs("backtest_rows")).isGreaterThan(100L);
        // BG/NBD's probability of no visit stands beside churn's model as a baseline; it predicts no purchase.
        assertThat(churnModel.<Double>getAs("backtest_bgnbd_auc")).isBetween(0.5, 1.0);
        assertThat(tables.read(Tables.MODEL_REGISTRY).filter(col("model_version").equalTo("repurchase-" + first)).first()
                .<Double>getAs("backtest_bgnbd_auc")).isNull();

        JsonNode summary = new ObjectMapper().readTree(root.resolve("outputs").resolve(last.toString()).resolve("run-summary.json").toFile());
        assertThat(summary.path("business_date").asText()).isEqualTo(last.toString());
        assertThat(summary.path("model").path("model_version").asText()).isEqualTo(group.<String>getAs("model_version"));
        assertThat(summary.path("model").path("auc").asDouble()).isGreaterThan(0.5);
        assertThat(summary.path("counts").path("scored_customers").asLong()).isEqualTo(group.<Long>getAs("active_customers"));
        assertThat(summary.path("quarantine").path("all_nights").asLong()).isEqualTo(tables.read(Tables.QUARANTINE).count());
        assertThat(summary.path("timings_ms").has("ingestStep")).isTrue();
        assertThat(summary.path("timings_ms").has("scoringStep")).isTrue();
        assertThat(summary.path("timings_ms").path("reports").asLong()).isPositive();
        assertThat(summary.path("counts").path("loaded_rows").path("service_order").asLong()).isPositive();
        for (Row store : stores) {
            assertThat(summary.path("counts").path("list_sizes").path("retention").path(store.<String>getAs("store_id")).asLong())
                    .isEqualTo(store.<Long>getAs("retention_list_size"));
        }
        // The quality report's deliveries reconcile per store and entity, and with tonight's quarantine.
        JsonNode deliveries = summary.path("counts").path("deliveries");
        assertThat(deliveries.size()).isPositive();
        long quarantinedTonight = 0;
        for (JsonNode d : deliveries) {
            assertThat(d.path("read").asLong()).as("%s", d).isEqualTo(d.path("loaded").asLong() + d.path("quarantined").asLong());
            quarantinedTonight += d.path("quarantined").asLong();
        }
        assertThat(quarantinedTonight).isEqualTo(summary.path("quarantine").path("tonight").asLong())
                .isEqualTo(tables.read(Tables.QUARANTINE).filter(col("source_file").contains("/" + last + "/")).count());
        assertThat(summary.path("identity").path("records").asLong()).isEqualTo(tables.read(Tables.CUSTOMER_XREF).count());
        assertThat(summary.path("identity").path("customers").asLong()).isPositive();
    }

    @Test
    @Order(3)
    void theReportRendersInHeadlessChromiumWithItsChartsVisible() throws Exception {
        Path browser = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(browser)) {
            assertThat(System.getenv("CI")).as("chromium must be installed in CI (.ci/run installs it)").isNotEqualTo("true");
            Assumptions.abort("chromium is not installed (apt-get install chromium); skipping the browser check outside CI");
        }
        Path report = root.resolve("outputs").resolve(simulation.lastNight().toString()).resolve("report.html");
        Path screenshot = root.resolve("report.png");
        String dom = chromium(browser, "--dump-dom", report.toUri().toString());
        assertThat(dom).contains("Lift by score decile", "churn by decile", "Churn probability distribution", "Run timings",
                "Deliveries", "Identity resolution", "call lists", "win-back", "repurchase");
        assertThat(dom.split("<svg", -1).length - 1).isGreaterThanOrEqualTo(4);
        chromium(browser, "--screenshot=" + screenshot, "--window-size=1280,2600", report.toUri().toString());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        long chartPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                // The charts' first series colour, #1f77b4: bars and points actually painted by the browser.
                if (Math.abs(((rgb >> 16) & 0xff) - 0x1f) < 8 && Math.abs(((rgb >> 8) & 0xff) - 0x77) < 8 && Math.abs((rgb & 0xff) - 0xb4) < 8) {
                    chartPixels++;
                }
            }
        }
        assertThat(chartPixels).as("chart pixels on the screenshot").isGreaterThan(5_000);
    }

    private static String chromium(Path browser, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + root.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(root.resolve("chromium.log").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit code, see " + root.resolve("chromium.log")).isZero();
        return out;
    }

    private static List<String> duckDb(Path parquet) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows.stream().sorted().toList();
    }

    private static String text(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(String.valueOf(row.get(i)));
        }
        return String.join("|", values);
    }

    @Test
    @Order(4)
    void aCompletedDateIsANoOpAndAForcedRerunLeavesTheSameTables() {
        TableStore tables = new TableStore(context.getBean(SparkSession.class));
        Map<String, List<String>> before = contents(tables::read);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), false)).isEqualTo(ExitCode.DONE);
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, simulation.lastNight(), true)).isEqualTo(ExitCode.DONE);
        assertSameTables(contents(tables::read), before);
    }

    @Test
    @Order(4)
    void aFailedForcedRerunRestartsAtItsFailedStepInsteadOfCountingAsDone() throws IOException {
        LocalDate night = simulation.lastNight();
        assertThat(launchWithoutAPublishFolder(night, true)).isEqualTo(ExitCode.FAILED);
        // The same night again, as an operator or a scheduler's retry would run it: the date's first run
        // completed long ago, but the forced run's lists are not out, so it restarts where it failed.
        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, night, false)).isEqualTo(ExitCode.DONE);
        JobExplorer explorer = context.getBean(JobExplorer.class);
        JobExecution restarted = explorer.getLastJobExecution(explorer.getLastJobInstance(BatchConfiguration.NIGHTLY));
        assertThat(restarted.getJobParameters().getLocalDate(NightLauncher.BUSINESS_DATE)).isEqualTo(night);
        assertThat(restarted.getStepExecutions()).extracting(s -> s.getStepName() + " " + s.getStatus())
                .containsExactly("reportsStep COMPLETED", "maintenanceStep COMPLETED");
        assertThat(publishedNights()).contains(night);
    }

    @Test
    @Order(5)
    void aPublishFolderThatCannotBeWrittenFailsTheNightWhichThenRestartsAtItsReportsStep() throws IOException {
        // The night the backfill stopped at, its delivery repaired: each file back to the good copy it was made from.
        LocalDate second = simulation.firstNight().plusDays(1);
        LocalDate night = simulation.lastNight().plusDays(1);
        try (Stream<Path> files = Files.walk(root.resolve("inbox"))) {
            for (Path bad : files.filter(p -> p.getParent().getFileName().toString().equals(night.toString())).toList()) {
                String goodName = bad.getFileName().toString().replace(night.toString().replace("-", ""), second.toString().replace("-", ""));
                Files.copy(bad.getParent().resolveSibling(second.toString()).resolve(goodName), bad,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path outputs = root.resolve("outputs");
        assertThat(launchWithoutAPublishFolder(night, false)).isEqualTo(ExitCode.FAILED);
        JobExplorer explorer = context.getBean(JobExplorer.class);
        JobInstance instance = explorer.getJobInstance(BatchConfiguration.NIGHTLY,
                new org.springframework.batch.core.JobParametersBuilder().addLocalDate(NightLauncher.BUSINESS_DATE, night).toJobParameters());
        JobExecution failed = explorer.getLastJobExecution(instance);
        assertThat(failed.getStepExecutions()).extracting(s -> s.getStepName() + " " + s.getStatus())
                .containsExactlyInAnyOrder("ingestStep COMPLETED", "scoringStep COMPLETED", "reportsStep FAILED");
        // What the job repository keeps of the failure (an operator reads it with any SQL client).
        assertThat(failed.getStepExecutions()).extracting(s -> s.getExitStatus().getExitDescription())
                .anySatisfy(m -> assertThat(m).contains("cannot publish " + outputs.resolve(night.toString()), "Not a directory"));
        assertThat(outputs.resolve(night.toString())).doesNotExist();
        // What the operator sees first: `retention status`.
        List<String> status = status();
        int line = status.indexOf(status.stream().filter(l -> l.startsWith(night + "  nightly ")).findFirst().orElseThrow());
        assertThat(status.get(line)).contains("FAILED");
        assertThat(status.get(line + 1)).contains("ingestStep COMPLETED", "scoringStep COMPLETED", "reportsStep FAILED",
                "cannot publish " + outputs.resolve(night.toString()));
        // A dashboard reading only whole nights does not see this one: its tables changed, its lists did not publish.
        assertThat(publishedNights()).contains(simulation.lastNight()).doesNotContain(night);
        // Nor does one reading every table at the tag of the last whole night: the run log took
        // tonight's counts and the scores tonight's rows, but not at that tag.
        String counts = "SELECT count(*) FROM " + Tables.RUN_LOG.qualifiedName();
        String scores = "SELECT count(*) FROM " + Tables.CUSTOMER_SCORES.qualifiedName();
        String atTag = " VERSION AS OF '" + PublishedNights.PUBLISHED + "'";
        String atLastNight = " VERSION AS OF '" + PublishedNights.nightTag(simulation.lastNight()) + "'";
        String atTonight = " VERSION AS OF '" + PublishedNights.nightTag(night) + "'";
        String ofTonight = " WHERE snapshot_date = DATE'" + night + "'";
        String countsOfTonight = " WHERE business_date = DATE'" + night + "'";
        assertThat(count(counts + countsOfTonight)).isPositive();
        assertThat(count(counts + atTag + countsOfTonight)).isZero();
        assertThat(count(scores + ofTonight)).isPositive();
        assertThat(count(scores + atTag + ofTonight)).isZero();
        assertThat(count(scores + atLastNight)).isEqualTo(count(scores + atTag));

        assertThat(launcher.launch(BatchConfiguration.NIGHTLY, night, false)).isEqualTo(ExitCode.DONE);
        assertThat(publishedNights()).contains(night);
        List<String> after = status();
        int restartLine = after.indexOf(after.stream().filter(l -> l.startsWith(night + "  nightly ")).findFirst().orElseThrow());
        assertThat(after.get(restartLine)).contains("COMPLETED");
        // The steps the failed attempt completed beside the ones the restart ran.
        assertThat(after.get(restartLine + 1)).contains("ingestStep COMPLETED", "scoringStep COMPLETED", "reportsStep COMPLETED",
                "maintenanceStep COMPLETED");
        assertThat(count(counts + atTag + countsOfTonight)).isEqualTo(count(counts + countsOfTonight));
        assertThat(count(scores + atTag + ofTonight)).isEqualTo(count(scores + ofTonight));
        assertThat(count(scores + atTonight)).isEqualTo(count(scores));
        // Every table can be read at the tag, those the group never wrote to included.
        for (WarehouseTable table : Tables.all()) {
            assertThat(count("SELECT count(*) FROM " + table.qualifiedName() + atTag)).as(table.qualifiedName()).isNotNegative();
        }
        JobExecution restarted = explorer.getLastJobExecution(instance);
        assertThat(restarted.getStepExecutions()).extracting(s -> s.getStepName() + " " + s.getStatus())
                .containsExactly("reportsStep COMPLETED", "maintenanceStep COMPLETED");
        assertThat(outputs.resolve(night.toString()).resolve("run-summary.json")).isRegularFile();
        try (Stream<Path> left = Files.list(outputs)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    @Order(6)
    void withADriftThresholdOfZeroANightTrainsAChallengerThatIsJudgedAgainstTheChampion() throws Exception {
        // Any change at all now counts as drift: the night after the last re-scores, sees its inputs moved and retrains
        // (without the backtest, which the first night's models already went through).
        LocalDate night = simulation.lastNight().plusDays(1);
        SparkSession spark = context.getBean(SparkSession.class);
        TableStore tables = new TableStore(spark);
        String before = tables.read(Tables.MODEL_REGISTRY).filter("target = 'churn' AND status = 'champion'")
                .orderBy(col("trained_for_date").desc()).first().getAs("model_version");
        RetentionSettings eager = scoring(0, 0.0);
        new ScoringStage(spark, new DataHome(root), eager).run(night);

        Row challenger = tables.read(Tables.MODEL_REGISTRY).filter(col("model_version").equalTo("churn-" + night)).first();
        assertThat(challenger.<String>getAs("trigger")).isEqualTo("feature_drift");
        assertThat(challenger.<String>getAs("status")).isIn("champion", "rejected");
        double championAuc = challenger.getAs("champion_auc");
        assertThat(challenger.<String>getAs("status").equals("champion")).isEqualTo(challenger.<Double>getAs("auc") >= championAuc);
        String scoredBy = challenger.<String>getAs("status").equals("champion") ? "churn-" + night : before;
        assertThat(tables.read(Tables.CUSTOMER_SCORES).filter(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(night))))
                .select("model_version").distinct().collectAsList()).extracting(r -> r.getString(0)).containsExactly(scoredBy);

        // The night's report tells the operator what was trained and whether it took over.
        new ReportsStage(spark, new DataHome(root), eager).run(night);
        Path outputs = root.resolve("outputs").resolve(night.toString());
        JsonNode trained = new ObjectMapper().readTree(outputs.resolve("run-summary.json").toFile()).get("challengers");
        assertThat(trained.findValuesAsText("model_version")).contains("churn-" + night);
        assertThat(trained.findValuesAsText("status")).contains(challenger.<String>getAs("status"));
        assertThat(Files.readString(outputs.resolve("report.html"))).contains("churn-" + night,
                challenger.<String>getAs("status").equals("champion") ? "promoted" : "rejected, the champion stays");
    }

    @Test
    @Order(7)
    void aChangedRecipeRetrainsOnceAndTheModelRecordsWhatItWasTrainedBy() throws Exception {
        // The night after the drift night, with one more tree configured: not due by the calendar and
        // not drifted (default threshold), but the last model was trained by another recipe.
        LocalDate night = simulation.lastNight().plusDays(2);
        SparkSession spark = context.getBean(SparkSession.class);
        TableStore tables = new TableStore(spark);
        RetentionSettings configured = context.getBean(RetentionSettings.class);
        RetentionSettings.Scoring s = configured.scoring();
        RetentionSettings moreTrees = scoring(1, s.driftPsiThreshold());
        new ScoringStage(spark, new DataHome(root), moreTrees).run(night);

        Row trained = tables.read(Tables.MODEL_REGISTRY).filter(col("model_version").equalTo("churn-" + night)).first();
        assertThat(trained.<String>getAs("trigger")).isEqualTo("recipe_changed");
        JsonNode recipe = new ObjectMapper().readTree(root.resolve("models").resolve("churn-" + night).resolve("recipe.json").toFile());
        assertThat(recipe.get("trees").asInt()).isEqualTo(s.trees() + 1);
        assertThat(recipe.get("featureDefinitions").asInt()).isEqualTo(FeatureBuilder.DEFINITIONS);
        assertThat(recipe.get("labels").get("churnMonths").asInt()).isEqualTo(configured.definitions().churnMonths());
        assertThat(recipe.get("features")).extracting(JsonNode::asText).containsExactlyElementsOf(FeatureBuilder.MODEL_FEATURES);

        // The recipe has now been tried: the next night trains nothing, whether or not it won.
        LocalDate next = night.plusDays(1);
        new ScoringStage(spark, new DataHome(root), moreTrees).run(next);
        assertThat(tables.read(Tables.MODEL_REGISTRY).filter(col("trained_for_date").equalTo(lit(java.sql.Date.valueOf(next))))
                .count()).isZero();
    }

    @Test
    @Order(8)
    void aChampionTrainedOnFeaturesSinceRedefinedIsReplacedWithoutAComparison() throws Exception {
        // The models as a release before the features' current definitions saved them.
        try (Stream<Path> recipes = Files.walk(root.resolve("models"))) {
            for (Path file : recipes.filter(p -> p.getFileName().toString().equals("recipe.json")).toList()) {
                com.fasterxml.jackson.databind.node.ObjectNode recipe = (com.fasterxml.jackson.databind.node.ObjectNode)
                        new ObjectMapper().readTree(file.toFile());
                recipe.remove("featureDefinitions");
                new ObjectMapper().writeValue(file.toFile(), recipe);
            }
        }
        LocalDate night = simulation.lastNight().plusDays(4);
        SparkSession spark = context.getBean(SparkSession.class);
        new ScoringStage(spark, new DataHome(root), scoring(1, context.getBean(RetentionSettings.class).scoring().driftPsiThreshold()))
                .run(night);
        Row trained = new TableStore(spark).read(Tables.MODEL_REGISTRY).filter(col("model_version").equalTo("churn-" + night)).first();
        assertThat(trained.<String>getAs("trigger")).isEqualTo("recipe_changed");
        assertThat(trained.<String>getAs("status")).isEqualTo("champion");
        assertThat(trained.<Double>getAs("champion_auc")).as("not compared").isNull();
    }

    @Test
    @Order(9)
    void expiringEverySnapshotItCanLeavesTheTaggedNightReadable() {
        // What a dashboard reads at the tag, every file of it: a count alone Iceberg answers from metadata.
        Map<String, Long> before = new TreeMap<>();
        for (WarehouseTable table : Tables.all()) {
            before.put(table.qualifiedName(), count("SELECT count(*) + coalesce(sum(hash(*)), 0) FROM " + table.qualifiedName()
                    + " VERSION AS OF '" + PublishedNights.PUBLISHED + "'"));
        }
        RetentionSettings.Maintenance keepNothing = new RetentionSettings.Maintenance(0, 1, 20, 7, 3);
        TableMaintenance.Summary done = new TableMaintenance(context.getBean(SparkSession.class), keepNothing)
                .run(simulation.lastNight().plusDays(30));
        assertThat(done.done().expiredSnapshots()).isPositive();
        before.forEach((table, value) -> assertThat(count("SELECT count(*) + coalesce(sum(hash(*)), 0) FROM " + table
                + " VERSION AS OF '" + PublishedNights.PUBLISHED + "'")).as(table).isEqualTo(value));
    }

    @Test
    @Order(10)
    void toldEachPersonsLatentLoyaltyTheSameModelComesCloserToTheOracle() {
        SparkSession spark = context.getBean(SparkSession.class);
        TableStore tables = new TableStore(spark);
        LocalDate dataEnd = tables.read(Tables.FACT_SERVICE_ORDER).agg(max("open_date"))
                .first().getDate(0).toLocalDate();
        ChurnEvaluation evaluation = new ChurnEvaluation(context.getBean(RetentionSettings.class));
        ChurnTruth truth = new ChurnTruth(spark, root.resolve("truth"));
        ChurnEvaluation.Result plain = evaluation.evaluate(CoreInputs.from(tables), tables.read(Tables.CUSTOMER_XREF), truth,
                dataEnd, false);
        ChurnEvaluation.Result told = evaluation.evaluate(CoreInputs.from(tables), tables.read(Tables.CUSTOMER_XREF), truth,
                dataEnd, true);
        // The model's own backtest is the same with the loyalty beside it; given it, the model ranks better.
        assertThat(told.model().auc()).isEqualTo(plain.model().auc());
        assertThat(plain.toldLoyalty()).isNull();
        assertThat(told.toldLoyalty().auc()).isGreaterThan(told.model().auc());
        assertThat(told.toLines()).anyMatch(line -> line.startsWith("model told loyalty - oracle given the history: AUC"));
        assertThat(plain.toLines()).noneMatch(line -> line.contains("told loyalty"));
        // Knowing of the loyalty only what the records say, the oracle the model is judged against ranks less well.
        assertThat(plain.recordsOracle().auc()).isLessThan(plain.historyOracle().auc());
        assertThat(plain.toLines()).anyMatch(line -> line.startsWith("model - oracle given the records: AUC"));
    }

    /**
     * The configured settings with {@code moreTrees} more trees and another drift threshold, and no
     * backtest, which the first night's models already went through.
     */
    private RetentionSettings scoring(int moreTrees, double driftPsiThreshold) {
        RetentionSettings configured = context.getBean(RetentionSettings.class);
        RetentionSettings.Scoring s = configured.scoring();
        return new RetentionSettings(configured.spark(), configured.ingest(), configured.definitions(),
                new RetentionSettings.Scoring(s.retrainEveryDays(), s.trees() + moreTrees, s.maxDepth(), s.shrinkage(), s.seed(),
                        driftPsiThreshold, 0, s.maxTrainingRows()),
                configured.reports(), configured.maintenance());
    }

    private static Map<String, List<String>> contents(Function<WarehouseTable, Dataset<Row>> read) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (WarehouseTable table : Tables.all()) {
            contents.put(table.qualifiedName(), read.apply(table).collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return contents;
    }

    /** Fails naming each table that differs and the rows that differ, not the whole warehouse. */
    /** Launches a night while a file stands where the publish folder should be, so its reports step fails. */
    private static ExitCode launchWithoutAPublishFolder(LocalDate night, boolean force) throws IOException {
        Path outputs = root.resolve("outputs");
        Path aside = root.resolve("outputs.aside");
        Files.move(outputs, aside);
        Files.writeString(outputs, "a file where the publish folder should be");
        try {
            return launcher.launch(BatchConfiguration.NIGHTLY, night, force);
        } finally {
            Files.delete(outputs);
            Files.move(aside, outputs);
        }
    }

    /** The lines {@code retention status} prints for this group. */
    private static List<String> status() {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(org.retentionwarehouse.pipeline.cli.RetentionCommand.execute("status", "--home", root.toString())).isZero();
        } finally {
            System.setOut(out);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    private static long count(String sql) {
        return context.getBean(SparkSession.class).sql(sql).first().getLong(0);
    }

    /** The nights marked whole in the run log, as a dashboard filters them. */
    private static List<LocalDate> publishedNights() {
        return new TableStore(context.getBean(SparkSession.class)).read(Tables.RUN_LOG)
                .filter(col("step").equalTo(lit(Tables.RUN_LOG_NIGHT)).and(col("metric").equalTo(lit(Tables.RUN_LOG_PUBLISHED))))
                .collectAsList().stream().map(r -> r.<java.sql.Date>getAs("business_date").toLocalDate()).toList();
    }

    private static void assertSameTables(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        SoftAssertions soft = new SoftAssertions();
        expected.forEach((table, rows) -> {
            soft.assertThat(surplus(rows, actual.get(table))).as("%s: rows missing", table).isEmpty();
            soft.assertThat(surplus(actual.get(table), rows)).as("%s: rows not expected", table).isEmpty();
        });
        soft.assertAll();
    }

    /** The rows of {@code a} not matched one for one in {@code b}, at most 20 of them. */
    private static List<String> surplus(List<String> a, List<String> b) {
        Map<String, Integer> left = new HashMap<>();
        b.forEach(row -> left.merge(row, 1, Integer::sum));
        return a.stream().filter(row -> left.merge(row, -1, Integer::sum) < 0).limit(20).toList();
    }

    /**
     * Snapshot files under the home's warehouse, counted while a night may be writing it: Iceberg
     * renames its temporary files as it commits, so a file can vanish mid-walk, and the walk is then
     * taken again.
     */
    private static long snapshots(Path home) throws IOException {
        while (true) {
            if (!Files.isDirectory(home.resolve("warehouse"))) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(home.resolve("warehouse"))) {
                return files.filter(p -> p.getFileName().toString().startsWith("snap-")).count();
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
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
