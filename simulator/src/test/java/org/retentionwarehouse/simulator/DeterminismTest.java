package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @TempDir
    Path first;
    @TempDir
    Path second;
    @TempDir
    Path other;

    static SimulationSettings small(long seed) {
        LocalDate firstNight = LocalDate.of(2026, 11, 1);
        LocalDate lastNight = firstNight.plusDays(2);
        return new SimulationSettings(seed, 3, 600, firstNight.minusYears(2), firstNight, 2, 0.02, 0.5,
                List.of(lastNight.minusDays(365), lastNight), 8);
    }

    @Test
    void sameSeedGivesByteIdenticalTrees() throws IOException {
        new Simulator(small(5)).generate(first);
        new Simulator(small(5)).generate(second);

        Map<String, byte[]> a = tree(first);
        Map<String, byte[]> b = tree(second);
        assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThan(50);
        for (String file : a.keySet()) {
            assertThat(Arrays.equals(a.get(file), b.get(file))).as(file).isTrue();
        }
    }

    @Test
    void differentSeedGivesDifferentData() throws IOException {
        new Simulator(small(5)).generate(first);
        new Simulator(small(6)).generate(other);

        byte[] persons = Files.readAllBytes(first.resolve("truth/persons.csv"));
        assertThat(persons).isNotEqualTo(Files.readAllBytes(other.resolve("truth/persons.csv")));
        assertThat(tree(first).get("inbox/S01/2026-11-01/customers_20261101.csv"))
                .isNotEqualTo(tree(other).get("inbox/S01/2026-11-01/customers_20261101.csv"));
    }

    @Test
    void refusesAHomeThatAlreadyHoldsData() throws IOException {
        new Simulator(small(5)).generate(first);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Simulator(small(5)).generate(first))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class).hasMessageContaining("already holds data");
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
