package org.retentionwarehouse.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The map agrees with a {@code HashMap} through growth, and composite keys hash as distinct parts. */
class LongIntMapTest {

    @Test
    void keepsTheFirstValueOfEachKeyThroughGrowth() {
        LongIntMap map = new LongIntMap(4);
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextInt(20_000) * 1_000_003L;
            Integer before = expected.putIfAbsent(key, i);
            assertThat(map.putIfAbsent(key, i)).isEqualTo(before == null ? LongIntMap.ABSENT : before);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(-1L)).isEqualTo(LongIntMap.ABSENT);
    }

    @Test
    void compositeKeysKeepTheirPartsApart() {
        assertThat(LongIntMap.hash(0, "王伟", "P")).isEqualTo(LongIntMap.hash(0, new String("王伟"), "P"));
        assertThat(LongIntMap.hash(0, "ab", "c")).isNotEqualTo(LongIntMap.hash(0, "a", "bc"));
        assertThat(LongIntMap.hash(0, null, "P")).isNotEqualTo(LongIntMap.hash(0, "null", "P"))
                .isNotEqualTo(LongIntMap.hash(0, "", "P"));
        assertThat(LongIntMap.hash(1, "WANG WEI", "P")).isNotEqualTo(LongIntMap.hash(2, "WANG WEI", "P"));
    }
}
