package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkageSyntheticTest {

    static SyntheticPeople data;

    @BeforeAll
    static void generate() {
        data = new SyntheticPeople(20261123L, 5000);
    }

    @Test
    void dedupeFindsDuplicatesWithoutMergingHouseholds(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("customers.csv");
        Path mapping = dir.resolve("mapping.yaml");
        Files.writeString(input, SyntheticPeople.csv(data.rows), StandardCharsets.UTF_8);
        Files.writeString(mapping, SyntheticPeople.mappingYaml(), StandardCharsets.UTF_8);

        LinkageCommands.Summary s = LinkageCommands.dedupe(input, mapping, dir.resolve("out/clusters.csv"));
        s.model().forEach(System.out::println);
        s.warnings().forEach(System.out::println);

        Map<String, String> clusterOf = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("out/clusters.csv"))) {
            List<List<String>> rows = CsvRecords.parse(in, ',');
            assertThat(rows.get(0)).containsExactly("id", "cluster_id", "cluster_size");
            rows.subList(1, rows.size()).forEach(r -> clusterOf.put(r.get(0), r.get(1)));
        }
        Map<String, Integer> truth = data.truth();
        double[] pr = clusterPrecisionRecall(clusterOf, truth);
        System.out.printf("dedupe: %d records, %d candidate pairs, %d matched pairs, %d clusters, %.2fs; cluster pairwise precision %.4f recall %.4f%n",
                s.records(), s.candidatePairs(), s.matches(), s.clusters(), s.seconds(), pr[0], pr[1]);

        // pairwise over pairs.csv as well
        Set<String> predicted = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("out/clusters.pairs.csv"))) {
            List<List<String>> rows = CsvRecords.parse(in, ',');
            rows.subList(1, rows.size()).forEach(r -> predicted.add(key(r.get(0), r.get(1))));
        }
        double[] pp = pairPrecisionRecall(predicted, truthPairs(truth));
        System.out.printf("dedupe pairs.csv precision %.4f recall %.4f%n", pp[0], pp[1]);

        assertThat(pr[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.95);

        Map<String, Record> byId = new HashMap<>();
        data.records().forEach(r -> byId.put(r.id(), r));
        Map<String, List<String>> members = new HashMap<>();
        clusterOf.forEach((id, c) -> members.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
        for (List<String> m : members.values()) {
            for (String a : m) {
                for (String b : m) {
                    int level = Comparison.DateComparison.level(byId.get(a).get(Role.DATE_OF_BIRTH), byId.get(b).get(Role.DATE_OF_BIRTH));
                    assertThat(level).as("cluster %s has conflicting birth dates", m).isNotEqualTo(2);
                }
            }
        }
    }

    @Test
    void linkTwoFiles() {
        Map<Integer, Integer> seen = new HashMap<>();
        List<Record> left = new ArrayList<>();
        List<Record> right = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        Map<String, Integer> truth = data.truth();
        for (SyntheticPeople.Row r : data.rows) {
            int k = seen.merge(r.pid(), 1, Integer::sum);
            if (k == 1) {
                (rnd.nextBoolean() ? left : right).add(r.record());
            } else if (k == 2) {
                boolean firstLeft = left.stream().anyMatch(x -> truth.get(x.id()) == r.pid());
                (firstLeft ? right : left).add(r.record());
            }
        }
        Set<Integer> leftPeople = new HashSet<>();
        left.forEach(r -> leftPeople.add(truth.get(r.id())));
        Set<String> truePairs = new HashSet<>();
        Map<Integer, String> leftOf = new HashMap<>();
        left.forEach(r -> leftOf.put(truth.get(r.id()), r.id()));
        right.forEach(r -> {
            String l = leftOf.get(truth.get(r.id()));
            if (l != null) {
                truePairs.add(l + "|" + r.id());
            }
        });
        Linker linker = new Linker(LinkageMapping.defaultBlockingRoles(), LinkageMapping.defaultBlocking(LinkageMapping.defaultBlockingRoles()));
        long t0 = System.nanoTime();
        List<ScoredPair> pairs = linker.link(left, right);
        Set<String> predicted = new HashSet<>();
        pairs.stream().filter(p -> p.matchProbability() >= 0.9).forEach(p -> predicted.add(p.leftId() + "|" + p.rightId()));
        double[] pr = pairPrecisionRecall(predicted, truePairs);
        System.out.printf("link: %d x %d records, %d candidate pairs, %d true pairs, %.2fs; precision %.4f recall %.4f%n",
                left.size(), right.size(), linker.candidatePairs(), truePairs.size(), (System.nanoTime() - t0) / 1e9, pr[0], pr[1]);
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void emRecoversPlausibleMAndU() {
        Linker linker = new Linker(LinkageMapping.defaultBlockingRoles(), LinkageMapping.defaultBlocking(LinkageMapping.defaultBlockingRoles()));
        linker.dedupe(data.records());
        FellegiSunter model = linker.model();
        model.table().forEach(System.out::println);
        assertThat(model.converged()).isTrue();
        for (ComparisonLevels c : model.comparisons()) {
            String top = c.levels().get(0);
            String bottom = c.levels().get(c.levels().size() - 1);
            // u among random pairs: the chance agreement (u among blocked candidates is inflated for blocked-on fields)
            assertThat(model.m(c.name(), top)).as("m %s", c.name()).isGreaterThan(model.uRandom(c.name(), top));
            assertThat(model.m(c.name(), bottom)).as("m %s different", c.name()).isLessThan(model.uRandom(c.name(), bottom));
        }
        for (String key : List.of("phone", "email", "date_of_birth", "given_name", "surname")) {
            assertThat(model.m(key, "exact")).as("m %s exact", key).isGreaterThan(0.8);
            assertThat(model.uRandom(key, "exact")).as("u %s exact", key).isLessThan(0.05);
        }
        assertThat(model.m("location", "same_address")).isGreaterThan(0.8);
        // identity fields separate people inside a household: m exact well above u among candidates too
        for (String key : List.of("email", "date_of_birth", "given_name")) {
            assertThat(model.m(key, "exact")).isGreaterThan(10 * model.u(key, "exact"));
        }
    }

    static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    static Set<String> truthPairs(Map<String, Integer> truth) {
        Map<Integer, List<String>> byPerson = new HashMap<>();
        truth.forEach((id, p) -> byPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(id));
        Set<String> out = new HashSet<>();
        for (List<String> ids : byPerson.values()) {
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    out.add(key(ids.get(i), ids.get(j)));
                }
            }
        }
        return out;
    }

    static double[] pairPrecisionRecall(Set<String> predicted, Set<String> truth) {
        long tp = predicted.stream().filter(truth::contains).count();
        return new double[] {predicted.isEmpty() ? 1.0 : (double) tp / predicted.size(), truth.isEmpty() ? 1.0 : (double) tp / truth.size()};
    }

    static double[] clusterPrecisionRecall(Map<String, String> clusterOf, Map<String, Integer> truth) {
        Map<String, List<String>> members = new HashMap<>();
        clusterOf.forEach((id, c) -> members.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
        Set<String> predicted = new HashSet<>();
        for (List<String> ids : members.values()) {
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    predicted.add(key(ids.get(i), ids.get(j)));
                }
            }
        }
        return pairPrecisionRecall(predicted, truthPairs(truth));
    }
}
