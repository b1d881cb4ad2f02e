package org.retentionwarehouse.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the real launcher scripts of {@code airflow/} and {@code bin/} as child processes on a data
 * home. The scripts start {@code bin/retention}, whose class path is this test JVM's (tests run
 * before the distribution is packaged); the child's output goes to a log file for failure messages.
 * With {@code RETENTION_TEST_JAVA_HOME} set (CI sets it to the newest Java installed, when newer than
 * the build's), the launcher runs on that Java: the nights launched here then run on it while the
 * in-process ones run on the build's Java 17, and both pass the same assertions.
 */
final class LauncherProcess {

    /** The repository root (tests run in the module folder). */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    /**
     * The children's JVM: the test JVM's JIT ({@code test.jit} in the parent pom) and Spark settings,
     * so that a launched night runs as an in-process one does; a tiny night in a fresh JVM is mostly
     * compilation (BENCHMARKS.md, "Test suite and CI"). The launchers' production options run in
     * StandaloneClusterIT and the benchmarks.
     */
    private static final String CHILD_JVM = Stream.concat(Stream.of("-Xmx1g", System.getProperty("test.jit", "")),
                    Stream.of("spark.ui.enabled", "spark.sql.codegen.wholeStage", "spark.sql.codegen.factoryMode")
                            .filter(name -> System.getProperty(name) != null)
                            .map(name -> "-D" + name + "=" + System.getProperty(name)))
            .collect(Collectors.joining(" ")).trim();

    private final Process process;
    private final Path log;

    private LauncherProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code script} (relative to the repository root) with {@code args} on {@code home}. */
    static LauncherProcess start(Path home, Path log, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("RETENTION_HOME", home.toString());
        builder.environment().put("RETENTION_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("RETENTION_JAVA_OPTS", CHILD_JVM);
        builder.environment().remove("RETENTION_JOB_REPOSITORY_URL");
        String javaHome = System.getenv("RETENTION_TEST_JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            builder.environment().put("JAVA_HOME", javaHome);
        }
        try {
            return new LauncherProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} to completion and returns its exit code. */
    static int run(Path home, Path log, String script, String... args) {
        return start(home, log, script, args).waitFor();
    }

    int waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("launcher still running after 10 minutes; log: " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill. */
    void killHard() {
        process.destroyForcibly();
        waitFor();
    }

    /** The end of the child's output, for assertion messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
