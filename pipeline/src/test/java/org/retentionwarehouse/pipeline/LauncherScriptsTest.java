package org.retentionwarehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.simulator.SimulationSettings;
import org.retentionwarehouse.simulator.Simulator;

/**
 * The launcher scripts of {@code airflow/} run for real, as a scheduler runs them, on a small
 * simulated home: their documented exit codes for deliveries present and missing, bad dates and
 * bad configuration. (Exit codes 0 and 3 of run-job.sh on real nights are in {@link NightlyJobTest}.)
 */
class LauncherScriptsTest {

    @TempDir
    static Path root;

    static Path home;
    static LocalDate firstNight;

    @BeforeAll
    static void generate() throws IOException {
        firstNight = LocalDate.of(2026, 11, 1);
        home = root.resolve("home");
        new Simulator(new SimulationSettings(3, 2, 50, firstNight.minusYears(1), firstNight, 0, 0, 0,
                List.of(firstNight), 1)).generate(home);
    }

    private static int run(Path on, String script, String... args) {
        return LauncherProcess.run(on, root.resolve("launcher.log"), script, args);
    }

    @Test
    void waitForExtractsSucceedsWhenEveryStoreDelivered() {
        assertThat(run(home, "airflow/wait-for-extracts.sh", firstNight.toString()))
                .as(LauncherProcess.tail(root.resolve("launcher.log"))).isZero();
    }

    @Test
    void waitForExtractsReportsMissingStoresWithExitCodeOne() throws IOException {
        Path log = root.resolve("missing.log");
        int code = LauncherProcess.run(home, log, "airflow/wait-for-extracts.sh", firstNight.plusDays(1).toString(),
                "--timeout", "0");
        assertThat(code).as(LauncherProcess.tail(log)).isEqualTo(1);
        assertThat(Files.readString(log)).contains("not delivered yet: S01 S02");
    }

    @Test
    void withADeliveryMarkerAFolderCountsOnlyOnceItsMarkerIsThere() throws IOException {
        Path marked = root.resolve("marked");
        new Simulator(new SimulationSettings(3, 2, 50, firstNight.minusYears(1), firstNight, 0, 0, 0,
                List.of(firstNight), 1)).generate(marked);
        Files.writeString(marked.resolve("conf/retention.yaml"), "ingest:\n  delivery_marker: _SUCCESS\n");
        Path log = root.resolve("marked.log");
        // The folders are there, as a store's upload makes them first; no store has finished.
        assertThat(LauncherProcess.run(marked, log, "airflow/wait-for-extracts.sh", firstNight.toString(), "--timeout", "0"))
                .as(LauncherProcess.tail(log)).isEqualTo(1);
        assertThat(Files.readString(log)).contains("not delivered yet: S01 S02");
        Files.createFile(marked.resolve("inbox/S01").resolve(firstNight.toString()).resolve("_SUCCESS"));
        Files.createFile(marked.resolve("inbox/S02").resolve(firstNight.toString()).resolve("_SUCCESS"));
        assertThat(run(marked, "airflow/wait-for-extracts.sh", firstNight.toString())).as(LauncherProcess.tail(root.resolve("launcher.log")))
                .isZero();
        // A folder with its marker but no extract (an export that failed after making it) delivered nothing.
        try (Stream<Path> files = Files.list(marked.resolve("inbox/S02").resolve(firstNight.toString()))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("_SUCCESS")).toList()) {
                Files.delete(file);
            }
        }
        assertThat(LauncherProcess.run(marked, log, "airflow/wait-for-extracts.sh", firstNight.toString(), "--timeout", "0"))
                .as(LauncherProcess.tail(log)).isEqualTo(1);
        assertThat(Files.readString(log)).contains("not delivered yet: S02");
    }

    @Test
    void waitForExtractsWithoutAStoreRegistryIsBadConfiguration() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertThat(run(empty, "airflow/wait-for-extracts.sh", firstNight.toString())).isEqualTo(2);
        assertThat(run(home, "airflow/wait-for-extracts.sh", "2026-02-30")).isEqualTo(2);
        assertThat(run(home, "airflow/wait-for-extracts.sh", firstNight.toString(), "--timeout", "soon")).isEqualTo(2);
        assertThat(run(home, "airflow/wait-for-extracts.sh", firstNight.toString(), "--timeout")).isEqualTo(2);
    }

    @Test
    void runJobRejectsABadDateOrJobOrConfigurationWithExitCodeTwo() throws IOException {
        assertThat(run(home, "airflow/run-job.sh", "2026-13-01")).isEqualTo(2);
        assertThat(run(home, "airflow/run-job.sh", firstNight.toString(), "everything")).isEqualTo(2);
        Path broken = Files.createDirectories(root.resolve("broken/conf"));
        Files.writeString(broken.resolve("stores.yaml"), "stores:\n  - id: S01\n    dialect: nowhere\ndialects: {}\n");
        Path log = root.resolve("broken.log");
        assertThat(LauncherProcess.run(broken.getParent(), log, "airflow/run-job.sh", firstNight.toString(), "ingest"))
                .as(LauncherProcess.tail(log)).isEqualTo(2);
    }
}
