package org.retentionwarehouse.ingest.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockingTest {

    @Test
    void pairsShareAnyKeyOnceAndHugeBlocksAreSkipped() {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            // a placeholder phone shared by 1,200 records, and pairs of surname + postcode
            records.add(Record.of("r" + i, Map.of(Role.PHONE, "0400 000 000", Role.SURNAME, "S" + (i / 2), Role.POSTCODE, "2000")));
        }
        records.add(Record.of("x", Map.of(Role.PHONE, "0411 111 111", Role.SURNAME, "S0", Role.POSTCODE, "2000")));
        List<String> warnings = new ArrayList<>();
        Blocking.Pairs pairs = Blocking.candidates(records, null,
                List.of(List.of(Role.PHONE), List.of(Role.SURNAME, Role.POSTCODE)), 1000, warnings);
        // 600 surname pairs, plus r0-x and r1-x
        assertThat(pairs.size()).isEqualTo(602);
        assertThat(warnings).singleElement().asString().contains("[phone]").contains("1200");
        for (int k = 0; k < pairs.size(); k++) {
            assertThat(pairs.left()[k]).isLessThan(pairs.right()[k]);
        }
    }

    @Test
    void linkPairsOnlyAcrossSides() {
        List<Record> records = List.of(
                Record.of("a1", Map.of(Role.EMAIL, "a@x.com")), Record.of("a2", Map.of(Role.EMAIL, "a@x.com")),
                Record.of("b1", Map.of(Role.EMAIL, "A@X.COM")));
        boolean[] side = {false, false, true};
        Blocking.Pairs pairs = Blocking.candidates(records, side, List.of(List.of(Role.EMAIL)), 1000, new ArrayList<>());
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(pairs.right()).containsOnly(2);
    }
}
