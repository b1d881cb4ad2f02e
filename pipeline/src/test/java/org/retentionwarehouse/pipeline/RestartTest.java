package org.retentionwarehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
import org.retentionwarehouse.pipeline.cli.RetentionCommand;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.table.Tables;
import org.retentionwarehouse.warehouse.table.WarehouseTable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Restart semantics with real processes: a night killed with SIGKILL in the middle of its ingest
 * writes and run again ends with the same warehouse and outputs as an uninterrupted night; while it
 * runs, a second launch of the date exits 3; then a backfill stops at a bad delivery and resumes.
 * One data home is interrupted ({@code killed}), an identical one runs undisturbed ({@code reference}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartTest {

    @TempDir
    static Path root;

    static SimulationSettings simulation;
    static Path killed;
    static Path reference;

    @BeforeAll
    static void generate() throws IOException {
        LocalDate firstNight = LocalDate.of(2026, 11, 1);
        simulation = new SimulationSettings(11, 2, 400, firstNight.minusYears(2), firstNight, 1, 0.01, 0,
                List.of(firstNight), 2);
        killed = root.resolve("killed");
        reference = root.resolve("reference");
        new Simulator(simulation).generate(killed);
        new Simulator(simulation).generate(reference);
    }

    @Test
    @Order(1)
    void aNightKilledMidWriteAndRunAgainEqualsAnUninterruptedNight() throws Exception {
        String night = simulation.firstNight().toString();
        Path firstLog = root.resolve("killed-run.log");
        LauncherProcess run = LauncherProcess.start(killed, firstLog, "airflow/run-job.sh", night);
        // Kill once the ingest step has committed a few of its tables, with more to come.
        while (run.isAlive() && snapshots(killed) < 3) {
            Thread.sleep(100);
        }
        assertThat(run.isAlive()).as("the run ended before it could be killed:\n%s", LauncherProcess.tail(firstLog)).isTrue();

        Path secondLog = root.resolve("concurrent.log");
        assertThat(LauncherProcess.run(killed, secondLog, "airflow/run-job.sh", night))
                .as(LauncherProcess.tail(secondLog)).isEqualTo(ExitCode.LOCKED.code());
        assertThat(Files.readString(secondLog)).contains("holds", "locks/" + night + ".lock");

        assertThat(run.isAlive()).as("still running when killed").isTrue();
        run.killHard();

        Path rerunLog = root.resolve("rerun.log");
        assertThat(LauncherProcess.run(killed, rerunLog, "airflow/run-job.sh", night))
                .as(LauncherProcess.tail(rerunLog)).isEqualTo(ExitCode.DONE.code());
        assertThat(Files.readString(rerunLog)).contains("process that died");
        Path noOpLog = root.resolve("noop.log");
        assertThat(LauncherProcess.run(killed, noOpLog, "airflow/run-job.sh", night)).isEqualTo(ExitCode.DONE.code());
        assertThat(Files.readString(noOpLog)).contains("already done");

        try (AnnotationConfigApplicationContext context = PipelineContext.open(new DataHome(reference))) {
            assertThat(new NightLauncher(context).launch(BatchConfiguration.NIGHTLY, simulation.firstNight(), false))
                    .isEqualTo(ExitCode.DONE);
            SparkSession spark = context.getBean(SparkSession.class);
            assertThat(contents(spark, killed)).isEqualTo(contents(spark, reference));
        }
        assertThat(outputs(killed, night)).isEqualTo(outputs(reference, night)).isNotEmpty();

        try (AnnotationConfigApplicationContext context = PipelineContext.open(new DataHome(killed))) {
            JobExplorer explorer = context.getBean(JobExplorer.class);
            JobInstance instance = explorer.getJobInstances(BatchConfiguration.NIGHTLY, 0, 10).get(0);
            List<JobExecution> executions = explorer.getJobExecutions(instance);
            assertThat(executions).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
        }
    }

    @Test
    @Order(2)
    void aBackfillStopsAtTheFirstBadDateAndResumesThere() throws IOException {
        LocalDate first = simulation.firstNight();
        LocalDate last = simulation.lastNight();
        Path delivery = killed.resolve("inbox/S01").resolve(last.toString());
        Path file;
        try (Stream<Path> files = Files.list(delivery)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.writeString(file, "no_such_column\n" + String.join("\n", lines.subList(1, lines.size())) + "\n");
        String[] backfill = {"backfill", "--home", killed.toString(), "--from", first.toString(), "--to", last.toString()};

        assertThat(RetentionCommand.execute(backfill)).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(killed.resolve("outputs").resolve(last.toString())).doesNotExist();

        Files.write(file, original);
        assertThat(RetentionCommand.execute(backfill)).isEqualTo(ExitCode.DONE.code());
        assertThat(outputs(killed, last.toString())).isNotEmpty();
    }

    private static long snapshots(Path home) throws IOException {
        Path warehouse = home.resolve("warehouse");
        if (!Files.isDirectory(warehouse)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(warehouse)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snap-")).count();
        }
    }

    /** Every table's rows, read by path so that one session compares two warehouses. */
    private static Map<String, List<String>> contents(SparkSession spark, Path home) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (WarehouseTable table : Tables.all()) {
            Path location = home.resolve("warehouse").resolve(table.namespace()).resolve(table.name());
            contents.put(table.qualifiedName(), spark.read().format("iceberg").load(location.toString())
                    .collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return contents;
    }

    private static Map<String, String> outputs(Path home, String night) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path folder = home.resolve("outputs").resolve(night);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
