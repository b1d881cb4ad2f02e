package org.retentionwarehouse.warehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aMissingRegistryNamesTheFile() {
        Path file = dir.resolve("stores.yaml");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(file.toString());
    }

    @Test
    void anUndeclaredDialectNamesTheStore() throws IOException {
        Path file = write("stores:\n  - {id: S09, name: x, calling_capacity: 5, dialect: nowhere}\ndialects: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'S09'").hasMessageContaining("nowhere");
    }

    @Test
    void aStoreWithoutADialectIsNamed() throws IOException {
        Path file = write("stores:\n  - {id: S10, name: x, calling_capacity: 5}\ndialects: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'S10'").hasMessageContaining("no dialect");
    }

    @Test
    void aStoreWithoutACallingCapacityIsNamedRatherThanGivenEmptyLists() throws IOException {
        Path file = write("stores:\n  - {id: S11, name: x, dialect: nowhere}\ndialects: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store 'S11'").hasMessageContaining("no calling_capacity");
    }

    @Test
    void anUnmappedRequiredColumnNamesDialectEntityAndColumn() throws IOException {
        Path file = write("""
                stores:
                  - {id: S01, name: x, calling_capacity: 5, dialect: tiny}
                dialects:
                  tiny:
                    format: csv
                    encoding: UTF-8
                    date_format: yyyy-MM-dd
                    entities:
                      customer: {file: "c_{date}.csv", columns: {source_id: Id}}
                """);
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dialect 'tiny'").hasMessageContaining("entity 'customer'")
                .hasMessageContaining("'source_system'");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByLineAndKeyInOneLine() throws IOException {
        Path file = write("stores:\n  - {id: S01, name: x, dialect: tiny}\n  - {id: S02, name: y, dialect: tiny,\n"
                + "     calling_capacity: ten}\ndialects: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file + ", line 4: stores[1].calling_capacity is 'ten', must be a whole number")
                .hasMessageNotContaining("\n");
        Path section = write("stores:\n  - {id: S01, name: {first: x}, calling_capacity: 5, dialect: tiny}\ndialects: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(section))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stores[0].name, must be text").hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownKeyIsNamed() throws IOException {
        Path file = write("stores: []\ndialekts: {}\n");
        assertThatThrownBy(() -> StoreRegistry.load(file))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(": unknown key 'dialekts'; known keys");
    }

    @Test
    void fileNamesCarryTheBusinessDate() {
        EntityLayout layout = new EntityLayout("KEHU_{date}.csv", null, null, null);
        assertThat(layout.businessDate("KEHU_20261101.csv")).contains(LocalDate.of(2026, 11, 1));
        assertThat(layout.businessDate("KEHU_2026110.csv")).isEmpty();
        assertThat(layout.businessDate("XKEHU_20261101.csv")).isEmpty();
    }

    @Test
    void settingsOverridesAreMergedAndUnknownKeysNamed(@TempDir Path home) throws IOException {
        settings(home, "reports:\n  language: en\n");
        RetentionSettings settings = RetentionSettings.load(new DataHome(home));
        assertThat(settings.reports().language()).isEqualTo("en");
        assertThat(settings.reports().cooldownDays()).isEqualTo(30);
        // A section whose every line is commented out, as the example file invites, keeps the defaults.
        settings(home, "maintenance:\n#  min_snapshots: 5\nreports:\n  language:\n");
        settings = RetentionSettings.load(new DataHome(home));
        assertThat(settings.maintenance().minSnapshots()).isPositive();
        assertThat(settings.reports().language()).isEqualTo("zh");
        settings(home, "reports:\n  langauge: en\n");
        assertThatThrownBy(() -> RetentionSettings.load(new DataHome(home)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("langauge");
    }

    @Test
    void settingsNoNightCanRunWithStopTheRunNamingEachKey(@TempDir Path home) throws IOException {
        settings(home,
                "maintenance:\n  orphan_file_age_days: -1\nreports:\n  language: fr\ningest:\n  match_threshold: 1.5\n"
                        + "scoring:\n  treez: 50\n  calibration: {bins: 3}\n");
        assertThatThrownBy(() -> RetentionSettings.load(new DataHome(home)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(home.resolve("conf/retention.yaml").toString())
                .hasMessageContaining("maintenance.orphan_file_age_days is -1, must be at least 1")
                .hasMessageContaining("reports.language is fr, must be zh or en")
                .hasMessageContaining("ingest.match_threshold is 1.5, must be above 0, at most 1")
                .hasMessageContaining("unknown key 'scoring.treez'").hasMessageContaining("unknown key 'scoring.calibration'");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedBesideEveryUnknownKey(@TempDir Path home) throws IOException {
        settings(home,
                "spark:\n  shuffle_partitions: eight\nscoring:\n  shrinkage: {a: 1}\n  treez: 50\n  trees: [1, 2]\n"
                        + "reports:\n  langauge: en\n  language: {x: 1}\n");
        assertThatThrownBy(() -> RetentionSettings.load(new DataHome(home)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spark.shuffle_partitions is 'eight', must be a whole number")
                .hasMessageContaining("scoring.shrinkage is a section, must be a number")
                .hasMessageContaining("scoring.trees is a list, must be a whole number")
                .hasMessageContaining("reports.language is a section, must be text")
                .hasMessageContaining("unknown key 'scoring.treez'").hasMessageContaining("unknown key 'reports.langauge'")
                .hasMessageNotContaining("at least 1");
    }

    @Test
    void aFileThatIsNotYamlIsOneLineNamingTheLine(@TempDir Path home) throws IOException {
        settings(home, "reports:\n  language: en\n    cooldown_days: 5\n");
        assertThatThrownBy(() -> RetentionSettings.load(new DataHome(home)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(home.resolve("conf/retention.yaml") + ", line 3: not valid YAML: ")
                .hasMessageNotContaining("\n");
        Path file = write("stores: [\n");
        assertThatThrownBy(() -> StoreRegistry.load(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid YAML").hasMessageNotContaining("\n");
    }

    private static void settings(Path home, String yaml) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/retention.yaml"), yaml);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("stores.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
