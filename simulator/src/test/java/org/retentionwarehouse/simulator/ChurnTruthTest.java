package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The churn truth is consistent (Monte Carlo agrees with the realised timeline) and driven by the latent state. */
class ChurnTruthTest {

    private final Path home = DemoData.home();
    private final List<Map<String, String>> churn = TruthFiles.read(home, "churn.csv");
    private final Map<String, Map<String, String>> persons = new HashMap<>();

    ChurnTruthTest() {
        TruthFiles.read(home, "persons.csv").forEach(p -> persons.put(p.get("person_id"), p));
    }

    @Test
    void everyCutoffHasCustomersWithProbabilities() {
        assertThat(churn.stream().map(r -> r.get("cutoff")).distinct())
                .containsExactlyInAnyOrderElementsOf(SimulationSettings.demo(DemoData.SEED).cutoffs().stream()
                        .map(LocalDate::toString).toList());
        assertThat(churn).allSatisfy(r -> {
            assertThat(Double.parseDouble(r.get("true_churn_probability"))).isBetween(0.0, 1.0);
            assertThat(r.get("active")).isIn("true", "false");
            assertThat(r.get("realised_churn")).isIn("true", "false");
            assertThat(persons.get(r.get("person_id")).get("kind")).isNotEqualTo("prospect");
        });
    }

    @Test
    void realisedChurnAgreesWithTheTrueProbabilityAmongActiveCustomers() {
        Map<String, List<Map<String, String>>> byCutoff = active().stream()
                .collect(Collectors.groupingBy(r -> r.get("cutoff")));
        for (List<Map<String, String>> rows : byCutoff.values()) {
            double predicted = mean(rows);
            double realised = rows.stream().filter(r -> r.get("realised_churn").equals("true")).count()
                    / (double) rows.size();
            assertThat(rows).hasSizeGreaterThan(1000);
            assertThat(realised).isCloseTo(predicted, org.assertj.core.data.Offset.offset(0.05));
            assertThat(realised).isBetween(0.2, 0.45);
        }
    }

    /**
     * The probability given the history no longer knows who has already left: still calibrated, it
     * ranks the customers less well than the true probability, though far better than chance, and
     * is never certain of a churn the true probability doubts.
     */
    @Test
    void theProbabilityGivenTheHistoryIsCalibratedAndKnowsLessThanTheTrueOne() {
        for (List<Map<String, String>> rows : active().stream().collect(Collectors.groupingBy(r -> r.get("cutoff"))).values()) {
            int[] realised = rows.stream().mapToInt(r -> r.get("realised_churn").equals("true") ? 1 : 0).toArray();
            double[] given = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("churn_probability_given_history"))).toArray();
            double[] truth = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("true_churn_probability"))).toArray();
            assertThat(java.util.Arrays.stream(given).average().orElseThrow())
                    .isCloseTo(java.util.Arrays.stream(realised).average().orElseThrow(), org.assertj.core.data.Offset.offset(0.05));
            double givenAuc = auc(realised, given);
            assertThat(givenAuc).isBetween(0.75, auc(realised, truth) - 0.02);
            long alreadyGone = java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i] == 1.0).count();
            long certainGivenHistory = java.util.stream.IntStream.range(0, truth.length).filter(i -> given[i] == 1.0).count();
            assertThat(certainGivenHistory).isLessThan(alreadyGone / 2);
        }
    }

    /**
     * A person who left the group in the weeks after a visit only falls silent: neither oracle that
     * starts from the history may be certain of the churn of a customer seen in the last two months.
     */
    @Test
    void noOracleOfTheHistoryKnowsOfADefectionSinceARecentVisit() {
        Map<String, String> owners = owners();
        List<Map<String, String>> recent = new ArrayList<>();
        for (LocalDate cutoff : SimulationSettings.demo(DemoData.SEED).cutoffs()) {
            Set<String> visitors = visitedBefore(cutoff, 60, owners);
            active().stream().filter(r -> r.get("cutoff").equals(cutoff.toString()) && visitors.contains(r.get("person_id")))
                    .forEach(recent::add);
        }
        assertThat(recent).hasSizeGreaterThan(300);
        assertThat(recent.stream().filter(r -> r.get("true_churn_probability").equals("1.0000"))).isNotEmpty();
        assertThat(recent).allSatisfy(r -> {
            assertThat(Double.parseDouble(r.get("churn_probability_given_history"))).isLessThan(1.0);
            assertThat(Double.parseDouble(r.get("churn_probability_given_records"))).isLessThan(1.0);
        });
    }

    /**
     * The probability given the records knows of each person's latent loyalty only what their
     * records say: still calibrated, overall and among the customers it rates above and below its
     * median, it ranks them less well than the probability given the history, which knows the loyalty.
     */
    @Test
    void theProbabilityGivenTheRecordsIsCalibratedAndKnowsLessThanTheHistory() {
        for (List<Map<String, String>> rows : active().stream().collect(Collectors.groupingBy(r -> r.get("cutoff"))).values()) {
            List<Map<String, String>> byRecords = rows.stream()
                    .sorted(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r.get("churn_probability_given_records"))))
                    .toList();
            int half = byRecords.size() / 2;
            // Within a few standard errors of the realised rate (about 0.015 overall, 0.02 in a half).
            for (List<Map<String, String>> part : List.of(byRecords, byRecords.subList(0, half), byRecords.subList(half, byRecords.size()))) {
                double predicted = part.stream().mapToDouble(r -> Double.parseDouble(r.get("churn_probability_given_records")))
                        .average().orElseThrow();
                double realised = part.stream().filter(r -> r.get("realised_churn").equals("true")).count() / (double) part.size();
                assertThat(realised).isCloseTo(predicted, org.assertj.core.data.Offset.offset(part == byRecords ? 0.03 : 0.04));
            }
            int[] realised = rows.stream().mapToInt(r -> r.get("realised_churn").equals("true") ? 1 : 0).toArray();
            double recordsAuc = auc(realised, rows.stream().mapToDouble(r -> Double.parseDouble(r.get("churn_probability_given_records"))).toArray());
            double historyAuc = auc(realised, rows.stream().mapToDouble(r -> Double.parseDouble(r.get("churn_probability_given_history"))).toArray());
            assertThat(recordsAuc).isBetween(0.75, historyAuc);
        }
    }

    /** Share of (churned, stayed) pairs the score orders correctly, ties counting half. */
    private static double auc(int[] outcome, double[] score) {
        double correct = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (outcome[i] == 1 && outcome[j] == 0) {
                    pairs++;
                    correct += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        return correct / pairs;
    }

    @Test
    void lowLoyaltyCustomersChurnMore() {
        List<Map<String, String>> active = active();
        double low = mean(active.stream().filter(r -> loyalty(r) < 0.35).toList());
        double high = mean(active.stream().filter(r -> loyalty(r) > 0.65).toList());
        assertThat(low).isGreaterThan(high + 0.15);
    }

    /**
     * Complaints follow visits, so complainers are recent visitors; compared with other customers who
     * visited in the year before the cutoff, those with a complaint still open at the cutoff churn more.
     */
    @Test
    void recentVisitorsWithAnUnresolvedComplaintChurnMore() {
        Map<String, String> owners = owners();
        List<Map<String, String>> complaining = new ArrayList<>();
        List<Map<String, String>> others = new ArrayList<>();
        for (LocalDate cutoff : SimulationSettings.demo(DemoData.SEED).cutoffs()) {
            Set<String> open = unresolvedComplaintsAt(cutoff, owners);
            Set<String> recent = visitedBefore(cutoff, 365, owners);
            for (Map<String, String> row : active()) {
                if (row.get("cutoff").equals(cutoff.toString()) && recent.contains(row.get("person_id"))) {
                    (open.contains(row.get("person_id")) ? complaining : others).add(row);
                }
            }
        }
        assertThat(complaining).hasSizeGreaterThan(15);
        assertThat(mean(complaining)).isGreaterThan(mean(others) + 0.05);
    }

    /** Persons with a complaint filed on or before the cutoff and not resolved by then, read from the extracts. */
    private Set<String> unresolvedComplaintsAt(LocalDate cutoff, Map<String, String> owners) {
        Map<String, Extracts.Row> latest = new HashMap<>();
        for (Extracts.Row r : DemoData.extracts().rows("interaction")) {
            if (r.get("interaction_type").equals("complaint")) {
                latest.merge(r.store() + "|" + r.get("interaction_id"), r,
                        (a, b) -> a.businessDate().isAfter(b.businessDate()) ? a : b);
            }
        }
        Set<String> complaining = new HashSet<>();
        for (Extracts.Row complaint : latest.values()) {
            boolean filed = !ExtractFilesTest.date(complaint, "interaction_date").isAfter(cutoff);
            boolean open = complaint.get("resolved_date").isEmpty()
                    || ExtractFilesTest.date(complaint, "resolved_date").isAfter(cutoff);
            if (filed && open) {
                complaining.add(owners.get(complaint.store() + "|" + complaint.get("customer_source_id")));
            }
        }
        return complaining;
    }

    /** Each delivered source record's person, by store and source id. */
    private Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        TruthFiles.read(home, "source_records.csv")
                .forEach(r -> owners.put(r.get("store_id") + "|" + r.get("source_id"), r.get("person_id")));
        return owners;
    }

    /** Persons with a service visit in the {@code days} up to the cutoff, read from the extracts. */
    private Set<String> visitedBefore(LocalDate cutoff, int days, Map<String, String> owners) {
        Set<String> visitors = new HashSet<>();
        for (Extracts.Row order : DemoData.extracts().rows("service_order")) {
            LocalDate opened = ExtractFilesTest.date(order, "open_date");
            if (!opened.isAfter(cutoff) && opened.isAfter(cutoff.minusDays(days))) {
                visitors.add(owners.get(order.store() + "|" + order.get("customer_source_id")));
            }
        }
        return visitors;
    }

    private List<Map<String, String>> active() {
        return churn.stream().filter(r -> r.get("active").equals("true")).toList();
    }

    private double loyalty(Map<String, String> row) {
        return Double.parseDouble(persons.get(row.get("person_id")).get("loyalty"));
    }

    private static double mean(List<Map<String, String>> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get("true_churn_probability"))).average()
                .orElseThrow();
    }
}
