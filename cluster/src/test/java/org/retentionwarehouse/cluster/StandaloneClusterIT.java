package org.retentionwarehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.pipeline.batch.BatchConfiguration;
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
 * Cluster mode for real, as a group deploys it when it outgrows one machine: a Spark standalone
 * master and worker, started here as their own processes from a Spark installation made of the jars
 * Maven resolved for Spark ({@code target/spark-home}); the packaged {@code retention-cluster.jar},
 * which holds no Spark of its own, submitted with {@code SparkSubmit}; and the job repository on a
 * real PostgreSQL server (the one {@code .ci/run} starts; its address in
 * {@code RETENTION_TEST_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres} as
 * user {@code postgres}), in a fresh database dropped afterwards. The executor runs in a process the
 * worker starts, so every task proves that the jar's classes ship to executors. Without a reachable
 * PostgreSQL server the test is skipped, except under {@code CI=true}, where it fails.
 */
class StandaloneClusterIT {

    private static final String ADMIN_URL = env("RETENTION_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("RETENTION_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("RETENTION_TEST_POSTGRES_PASSWORD", "");
    private static final String DATABASE = "retention_cluster_" + ProcessHandle.current().pid();
    /** The first key of the launchers' advisory date locks ("RW"). */
    private static final int DATE_LOCKS = 0x5257;

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SPARK_HOME = TARGET.resolve("spark-home");
    private static final Path JAR = TARGET.resolve("retention-cluster.jar");
    private static final String RETENTION_MAIN = "org.retentionwarehouse.pipeline.cli.RetentionCommand";
    /**
     * The JIT of every process here, executor included: the test JVMs' ({@code test.jit} in the
     * parent pom), which compiles a tiny night's fresh code for a fraction of C2's CPU. Spark's own
     * settings stay the production ones, code generation included.
     */
    private static final String JIT = System.getProperty("test.jit", "").trim();

    @TempDir
    static Path temp;

    private static final List<Process> daemons = new ArrayList<>();
    private static String masterUrl;
    private static JobRepositorySettings repository;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(reachable(), "no PostgreSQL server at " + ADMIN_URL + ": skipped (set RETENTION_TEST_POSTGRES_URL;"
                + " .ci/postgres start DIR starts one)");
        try (Connection admin = connect(ADMIN_URL); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        repository = new JobRepositorySettings(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + DATABASE,
                USER, PASSWORD);
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Path masterLog = temp.resolve("master.log");
        daemons.add(spark(masterLog, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        awaitLine(masterLog, "I have been elected leader");
        Path workerLog = temp.resolve("worker.log");
        daemons.add(spark(workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                "--work-dir", temp.resolve("work").toString(), masterUrl));
        awaitLine(workerLog, "Successfully registered with master");
    }

    @AfterAll
    static void stopCluster() throws SQLException {
        for (Process daemon : daemons) {
            // The worker's executors are its children.
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
        if (repository != null) {
            try (Connection admin = connect(ADMIN_URL); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aNightSubmittedToTheClusterRecoversADeadRunRespectsTheDateLockAndIsThenANoOp() throws Exception {
        LocalDate night = LocalDate.of(2026, 11, 1);
        Path home = temp.resolve("home");
        new Simulator(new SimulationSettings(7, 2, 300, night.minusYears(2), night, 0, 0.01, 0, List.of(), 2))
                .generate(home);
        leaveADeadRun(home, night);

        try (Connection otherLauncher = connect(repository.url()); Statement sql = otherLauncher.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + DATE_LOCKS + ", " + night.toEpochDay() + ")");
            assertThat(submit(home, night, "locked.log")).contains("another run of this date holds").endsWith("exit 3");
        }
        assertThat(submit(home, night, "night.log"))
                .contains("left running by a process that died", "nightly " + night + " completed").endsWith("exit 0");
        assertThat(executorLog()).as("the worker's executor ran the night's tasks").contains("Finished task");
        Path outputs = home.resolve("outputs").resolve(night.toString());
        assertThat(outputs.resolve("run-summary.json")).exists();
        for (String store : List.of("S01", "S02")) {
            assertThat(Files.readAllLines(outputs.resolve("retention_" + store + ".csv"))).hasSizeGreaterThan(1);
        }
        assertThat(submit(home, night, "again.log")).contains("already done").endsWith("exit 0");

        try (Connection connection = connect(repository.url()); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT i.job_name, e.status, e.exit_message FROM batch_job_execution e"
                     + " JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id ORDER BY e.job_execution_id")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + " " + rows.getString(2)
                        + (String.valueOf(rows.getString(3)).contains("died") ? " (dead process)" : ""));
            }
            assertThat(history).containsExactly("nightly FAILED (dead process)", "nightly COMPLETED");
        }
    }

    /** What a launcher killed inside the ingest step leaves in the job repository. */
    private static void leaveADeadRun(Path home, LocalDate night) throws Exception {
        try (AnnotationConfigApplicationContext context = PipelineContext.open(new DataHome(home), repository)) {
            JobRepository jobs = context.getBean(JobRepository.class);
            JobExecution dead = jobs.createJobExecution(BatchConfiguration.NIGHTLY, new JobParametersBuilder()
                    .addLocalDate(NightLauncher.BUSINESS_DATE, night).toJobParameters());
            dead.setStatus(BatchStatus.STARTED);
            dead.setStartTime(LocalDateTime.now());
            jobs.update(dead);
            StepExecution step = dead.createStepExecution("ingestStep");
            step.setStatus(BatchStatus.STARTED);
            jobs.add(step);
        }
    }

    /** Submits {@code run --date night} to the cluster; returns its output followed by "exit N". */
    private static String submit(Path home, LocalDate night, String logName) throws Exception {
        Path log = temp.resolve(logName);
        Process submit = spark(log, "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--class", RETENTION_MAIN, "--conf", "spark.executor.memory=1500m",
                "--conf", "spark.executor.extraJavaOptions=" + JIT,
                JAR.toString(), "run", "--date", night.toString(), "--home", home.toString());
        assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("still running after 10 minutes: %s", log).isTrue();
        return Files.readString(log, StandardCharsets.UTF_8) + "exit " + submit.exitValue();
    }

    /** The stderr of the executor the worker started for the application. */
    private static String executorLog() throws IOException {
        try (Stream<Path> files = Files.walk(temp.resolve("work"))) {
            Path stderr = files.filter(p -> p.getFileName().toString().equals("stderr")).findFirst()
                    .orElseThrow(() -> new AssertionError("the worker started no executor"));
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }
    }

    /** Starts {@code mainClass} on the Spark installation's class path, as Spark's own scripts do. */
    private static Process spark(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1500m");
        if (!JIT.isEmpty()) {
            command.addAll(List.of(JIT.split("\\s+")));
        }
        command.addAll(Arrays.asList(System.getProperty("spark.jvm.opens").trim().split("\\s+")));
        command.addAll(List.of("-cp", SPARK_HOME.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // What Spark's scripts export: the worker builds its executors' class path from them.
        builder.environment().put("SPARK_HOME", SPARK_HOME.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().remove("RETENTION_HOME");
        builder.environment().put(JobRepositorySettings.URL, repository.url());
        builder.environment().put(JobRepositorySettings.USER, repository.user());
        builder.environment().put(JobRepositorySettings.PASSWORD, repository.password());
        return builder.start();
    }

    private static void awaitLine(Path log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String content = read(log);
            if (content.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' within 90 s in " + log + ":\n" + tail(read(log)));
    }

    private static String read(Path log) {
        try {
            // Decoded leniently: the daemon may be in the middle of writing a character.
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
