package org.retentionwarehouse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.pipeline.cli.RetentionCommand;

/** The command line's help and exit codes. */
class CommandLineTest {

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"generate", "run", "demo", "evaluate-identity", "link", "dedupe", "clv-fit",
            "evaluate-churn", "extracts", "backfill", "bench", "status"}) {
            assertThat(RetentionCommand.execute(command, "--help")).as(command).isZero();
        }
        assertThat(RetentionCommand.execute("--help")).isZero();
    }

    @Test
    void statusOfAHomeWhereNothingRanSaysSoWithoutCreatingAJobRepository(@TempDir Path home) {
        assertThat(RetentionCommand.execute("status", "--home", home.toString())).isEqualTo(2);
        assertThat(home.resolve("state")).doesNotExist();
        assertThat(RetentionCommand.execute("status", "--home", home.toString(), "--dates", "0")).isEqualTo(2);
    }

    @Test
    void aMistypedHomeStopsWithExitCodeTwoAndLeavesNothingBehind(@TempDir Path root) {
        Path home = root.resolve("typo");
        assertThat(RetentionCommand.execute("run", "--home", home.toString(), "--date", "2026-11-01")).isEqualTo(2);
        assertThat(RetentionCommand.execute("backfill", "--home", home.toString(), "--from", "2026-11-01", "--to", "2026-11-02"))
                .isEqualTo(2);
        assertThat(home).doesNotExist();
    }

    @Test
    void aBrokenStoreRegistryStopsWithExitCodeTwo(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/stores.yaml"), "stores:\n  - id: S01\n    dialect: nowhere\ndialects: {}\n");
        assertThat(RetentionCommand.execute("run", "--home", home.toString(), "--date", "2026-11-01", "--job", "ingest"))
                .isEqualTo(2);
    }

    @Test
    void anUnexpectedFailureBeforeTheJobStartsIsOneErrorLineAndExitCodeOne(@TempDir Path home) throws IOException {
        // The job repository's folder cannot be made: a file stands where state/ should be.
        Files.writeString(home.resolve("state"), "not a folder");
        Outcome run = Outcome.of("run", "--home", home.toString(), "--date", "2026-11-01");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.firstError()).contains(home.resolve("state").toString());
    }

    @Test
    void anUnknownJobIsBadInputAndLeavesNoJobRepository(@TempDir Path home) {
        Outcome run = Outcome.of("run", "--home", home.toString(), "--date", "2026-11-01", "--job", "nightyl");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstError()).contains("unknown job 'nightyl'", "nightly");
        assertThat(RetentionCommand.execute("backfill", "--home", home.toString(), "--from", "2026-11-01", "--to",
                "2026-11-02", "--job", "nightyl")).isEqualTo(2);
        assertThat(home.resolve("state")).doesNotExist();
    }

    @Test
    void generatingIntoAHomeThatHoldsDataIsBadInput(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("inbox/S01"));
        Outcome generate = Outcome.of("generate", "--home", home.toString());
        assertThat(generate.code()).isEqualTo(2);
        assertThat(generate.firstError()).isEqualTo("error: " + home.resolve("inbox") + ": already holds data;"
                + " generate into an empty data home");
        assertThat(home.resolve("truth")).doesNotExist();
    }

    @Test
    void evaluatingAHomeNoNightHasWrittenIsBadInputNamingTheTable(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("truth"));
        Files.writeString(home.resolve("truth/source_records.csv"), "store_id,source_customer_id,person_id\n");
        Outcome identity = Outcome.of("evaluate-identity", "--home", home.toString());
        assertThat(identity.code()).isEqualTo(2);
        assertThat(identity.firstError()).contains("core.customer_xref does not exist", "run a night first");
        Outcome churn = Outcome.of("evaluate-churn", "--home", home.toString());
        assertThat(churn.code()).isEqualTo(2);
        assertThat(churn.firstError()).contains("core.fact_service_order does not exist");
        assertThat(RetentionCommand.execute("evaluate-churn", "--home", home.resolve("typo").toString())).isEqualTo(2);
    }

    @Test
    void benchNeedsAKnownPresetAndAnEmptyHome(@TempDir Path home) throws IOException {
        assertThat(RetentionCommand.execute("bench", "--home", home.toString(), "--preset", "huge")).isEqualTo(2);
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/stores.yaml"), "stores: []\n");
        assertThat(RetentionCommand.execute("bench", "--home", home.toString(), "--preset", "small")).isEqualTo(2);
    }

    @Test
    void aMissingDateIsAUsageError() {
        assertThat(RetentionCommand.execute("run")).isEqualTo(2);
    }

    @Test
    void clvFitPrintsTheCdnowParametersFromTheRawFile() {
        Path sample = Path.of("..", "..", "shared", "data", "cdnow", "CDNOW_sample.txt").toAbsolutePath().normalize();
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = RetentionCommand.execute("clv-fit", "--transactions", sample.toString(), "--customer-col", "1",
                    "--date-col", "3", "--amount-col", "5", "--calibration-end", "1997-09-30", "--time-unit", "week");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("r = 0.2425", "alpha = 4.413", "log-likelihood = -9582.4", "p = 6.24", "gamma = 15.4");
    }

    @Test
    void clvFitOnAMissingFileIsBadInputSayingSo() {
        Outcome fit = Outcome.of("clv-fit", "--transactions", "/nonexistent.csv", "--customer-col", "1",
                "--date-col", "2", "--amount-col", "3");
        assertThat(fit.code()).isEqualTo(2);
        assertThat(fit.firstError()).isEqualTo("error: /nonexistent.csv: no such file");
    }

    @Test
    void anOptionOutOfRangeIsBadInputNotAFailureToRetry(@TempDir Path home) {
        assertThat(RetentionCommand.execute("generate", "--home", home.toString(), "--stores", "0")).isEqualTo(2);
        assertThat(RetentionCommand.execute("clv-fit", "--transactions", "/nonexistent.csv", "--customer-col", "0",
                "--date-col", "2", "--amount-col", "3")).isEqualTo(2);
        assertThat(RetentionCommand.execute("clv-fit", "--transactions", "/nonexistent.csv", "--customer-col", "1",
                "--date-col", "2", "--amount-col", "3", "--time-unit", "month")).isEqualTo(2);
    }

    /** A command's exit code and what it printed on standard error. */
    private record Outcome(int code, String err) {

        static Outcome of(String... args) {
            java.io.PrintStream original = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            int code;
            try {
                System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
                code = RetentionCommand.execute(args);
            } finally {
                System.setErr(original);
            }
            return new Outcome(code, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        }

        String firstError() {
            return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(err);
        }
    }
}
