package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** 100,000-record dedupe through the CSV command path; run with {@code -Dlinkage.scale=true}. */
@EnabledIfSystemProperty(named = "linkage.scale", matches = "true")
class LinkageScaleTest {

    @Test
    void dedupeHundredThousandRecords(@TempDir Path dir) throws Exception {
        SyntheticPeople data = new SyntheticPeople(100_000L, 59_000);
        Path input = dir.resolve("customers.csv");
        Path mapping = dir.resolve("mapping.yaml");
        Files.writeString(input, SyntheticPeople.csv(data.rows), StandardCharsets.UTF_8);
        Files.writeString(mapping, SyntheticPeople.mappingYaml(), StandardCharsets.UTF_8);
        LinkageCommands.Summary s = LinkageCommands.dedupe(input, mapping, dir.resolve("out/clusters.csv"));
        s.warnings().forEach(System.out::println);
        java.util.Map<String, String> clusterOf = new java.util.HashMap<>();
        try (java.io.BufferedReader in = Files.newBufferedReader(dir.resolve("out/clusters.csv"))) {
            var rows = CsvRecords.parse(in, ',');
            rows.subList(1, rows.size()).forEach(r -> clusterOf.put(r.get(0), r.get(1)));
        }
        double[] pr = LinkageSyntheticTest.clusterPrecisionRecall(clusterOf, data.truth());
        System.out.printf("scale dedupe: %d records, %d candidate pairs, %d matched pairs, %d clusters, %.2fs; precision %.4f recall %.4f%n",
                s.records(), s.candidatePairs(), s.matches(), s.clusters(), s.seconds(), pr[0], pr[1]);
        assertThat(s.records()).isGreaterThanOrEqualTo(100_000);
        assertThat(s.seconds()).isLessThan(60);
    }
}
