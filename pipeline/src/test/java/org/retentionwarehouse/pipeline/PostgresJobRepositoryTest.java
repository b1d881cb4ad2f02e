package org.retentionwarehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.pipeline.batch.JobRepositorySettings;
import org.retentionwarehouse.pipeline.batch.NightLauncher;
import org.retentionwarehouse.pipeline.batch.PipelineContext;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The job repository on a real PostgreSQL server (the one {@code .ci/run} starts; its address in
 * {@code RETENTION_TEST_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres} as
 * user {@code postgres}): a night's repository use, the date lock as an advisory lock another
 * session holds, and a run left STARTED by a dead process. Each run works in a fresh database it
 * drops afterwards. Without a
 * reachable server the test is skipped, except under {@code CI=true}, where it fails.
 */
class PostgresJobRepositoryTest {

    private static final String ADMIN_URL = env("RETENTION_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("RETENTION_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("RETENTION_TEST_POSTGRES_PASSWORD", "");

    @Test
    void aDeadRunIsRecoveredAndADoneDateIsANoOpOnPostgres(@TempDir Path root) throws Exception {
        assumeTrue(reachable(), "no PostgreSQL server at " + ADMIN_URL + ": skipped (set RETENTION_TEST_POSTGRES_URL;"
                + " .ci/run starts one)");
        String database = "retention_test_" + ProcessHandle.current().pid();
        try (Connection admin = connect(ADMIN_URL); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database);
            sql.execute("CREATE DATABASE " + database);
        }
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        try {
            runJobsOn(root, new JobRepositorySettings(url, USER, PASSWORD));
            try (Connection connection = connect(url); Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT i.job_name, e.status, e.exit_message FROM batch_job_execution e"
                         + " JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id ORDER BY e.job_execution_id")) {
                List<String> history = new ArrayList<>();
                while (rows.next()) {
                    history.add(rows.getString(1) + " " + rows.getString(2)
                            + (String.valueOf(rows.getString(3)).contains("died") ? " (dead process)" : ""));
                }
                assertThat(history).containsExactly("ingest FAILED (dead process)", "ingest COMPLETED");
            }
        } finally {
            try (Connection admin = connect(ADMIN_URL); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void runJobsOn(Path root, JobRepositorySettings repository) throws Exception {
        LocalDate first = LocalDate.of(2026, 11, 1);
        new Simulator(new SimulationSettings(13, 2, 60, first.minusYears(1), first, 0, 0, 0, List.of(first), 1))
                .generate(root);
        try (AnnotationConfigApplicationContext context = PipelineContext.open(new DataHome(root), repository)) {
            // What a process killed inside the ingest step leaves in the repository.
            JobRepository jobs = context.getBean(JobRepository.class);
            JobExecution dead = jobs.createJobExecution(BatchConfiguration.INGEST, new JobParametersBuilder()
                    .addLocalDate(NightLauncher.BUSINESS_DATE, first).toJobParameters());
            dead.setStatus(BatchStatus.STARTED);
            dead.setStartTime(LocalDateTime.now());
            jobs.update(dead);
            StepExecution step = dead.createStepExecution("ingestStep");
            step.setStatus(BatchStatus.STARTED);
            jobs.add(step);

            NightLauncher launcher = new NightLauncher(context);
            try (Connection otherLauncher = connect(repository.url()); Statement sql = otherLauncher.createStatement()) {
                sql.execute("SELECT pg_advisory_lock(" + 0x5257 + ", " + first.toEpochDay() + ")");
                assertThat(launcher.launch(BatchConfiguration.INGEST, first, false)).isEqualTo(ExitCode.LOCKED);
            }
            assertThat(launcher.launch(BatchConfiguration.INGEST, first, false)).isEqualTo(ExitCode.DONE);
            assertThat(launcher.launch(BatchConfiguration.INGEST, first, false)).isEqualTo(ExitCode.DONE);
        }
    }

    private static boolean reachable() {
        try (Connection ignored = connect(ADMIN_URL)) {
            return true;
        } catch (SQLException e) {
            assertThat("true".equals(System.getenv("CI"))).as("CI=true needs PostgreSQL at %s: %s", ADMIN_URL, e.getMessage())
                    .isFalse();
            return false;
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url, properties);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
