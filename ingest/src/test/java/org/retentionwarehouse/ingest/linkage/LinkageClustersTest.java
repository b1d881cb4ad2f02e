package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageClustersTest {

    @Test
    void sharedFamilyPhoneDoesNotChainDifferentBirthDates() {
        Record dad1 = Record.of("dad1", Map.of(Role.PHONE, "13812345678", Role.DATE_OF_BIRTH, "1970-01-02"));
        Record dad2 = Record.of("dad2", Map.of(Role.PHONE, "13812345678", Role.DATE_OF_BIRTH, "1970-02-01")); // day/month swapped
        Record any = Record.of("nodob", Map.of(Role.PHONE, "13812345678"));
        Record son = Record.of("son", Map.of(Role.PHONE, "13812345678", Role.DATE_OF_BIRTH, "1998-05-05"));
        List<ScoredPair> pairs = List.of(
                new ScoredPair("dad1", "dad2", 0.99, 10),
                new ScoredPair("dad1", "nodob", 0.95, 5),
                new ScoredPair("nodob", "son", 0.93, 4),
                new ScoredPair("dad2", "son", 0.92, 3),
                new ScoredPair("dad1", "son", 0.5, 0));
        Map<String, String> c = Clusters.of(List.of(dad1, dad2, any, son), pairs, 0.9);
        assertThat(c.get("dad1")).isEqualTo("dad1");
        assertThat(c.get("dad2")).isEqualTo("dad1");
        assertThat(c.get("nodob")).isEqualTo("dad1");
        assertThat(c.get("son")).isEqualTo("son");
    }

    @Test
    void differentIdNumbersNeverShareACluster() {
        Record a = Record.of("a", Map.of(Role.ID_NUMBER, "A1234567"));
        Record b = Record.of("b", Map.of(Role.ID_NUMBER, "B7654321"));
        Record c = Record.of("c", Map.of(Role.ID_NUMBER, "A1234568")); // one-character typo of a
        Map<String, String> out = Clusters.of(List.of(a, b, c),
                List.of(new ScoredPair("a", "b", 0.99, 9), new ScoredPair("a", "c", 0.98, 8)), 0.9);
        assertThat(out).containsEntry("a", "a").containsEntry("b", "b").containsEntry("c", "a");
    }
}
