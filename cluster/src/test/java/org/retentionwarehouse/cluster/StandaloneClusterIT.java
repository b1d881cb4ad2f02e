package org.retentionwarehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;

/**
 * Cluster mode for real: a Spark standalone master and worker, started here as their own processes
 * from a Spark installation made of the jars Maven resolved for Spark ({@code target/spark-home}),
 * and a night submitted to them with {@code SparkSubmit} and the packaged
 * {@code retention-cluster.jar}, which holds no Spark of its own. The executor runs in a process the
 * worker starts, so every task proves that the jar's classes ship to executors.
 */
class StandaloneClusterIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SPARK_HOME = TARGET.resolve("spark-home");
    private static final Path JAR = TARGET.resolve("retention-cluster.jar");
    private static final String RETENTION_MAIN = "org.retentionwarehouse.pipeline.cli.RetentionCommand";

    @TempDir
    static Path temp;

    private static final List<Process> daemons = new ArrayList<>();
    private static String masterUrl;

    @BeforeAll
    static void startCluster() throws Exception {
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
    static void stopCluster() {
        for (Process daemon : daemons) {
            // The worker's executors are its children.
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
    }

    @Test
    void aNightSubmittedToAStandaloneClusterCompletesAndPublishesItsLists() throws Exception {
        LocalDate night = LocalDate.of(2026, 11, 1);
        Path home = temp.resolve("home");
        new Simulator(new SimulationSettings(7, 2, 300, night.minusYears(2), night, 0, 0.01, 0, List.of(), 2))
                .generate(home);

        Path log = temp.resolve("submit.log");
        Process submit = spark(log, "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--class", RETENTION_MAIN, "--conf", "spark.executor.memory=1500m",
                JAR.toString(), "run", "--date", night.toString(), "--home", home.toString());
        assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("night still running after 10 minutes").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(submit.exitValue()).as(tail(output)).isZero();
        assertThat(output).contains("nightly " + night + " completed");

        Path outputs = home.resolve("outputs").resolve(night.toString());
        assertThat(outputs.resolve("run-summary.json")).exists();
        for (String store : List.of("S01", "S02")) {
            assertThat(Files.readAllLines(outputs.resolve("retention_" + store + ".csv"))).hasSizeGreaterThan(1);
        }
        assertThat(executorLog()).as("the worker's executor ran the night's tasks").contains("Finished task");
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
        command.addAll(Arrays.asList(System.getProperty("spark.jvm.opens").trim().split("\\s+")));
        command.addAll(List.of("-cp", SPARK_HOME.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // What Spark's scripts export: the worker builds its executors' class path from them.
        builder.environment().put("SPARK_HOME", SPARK_HOME.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().remove("RETENTION_HOME");
        builder.environment().remove("RETENTION_JOB_REPOSITORY_URL");
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
