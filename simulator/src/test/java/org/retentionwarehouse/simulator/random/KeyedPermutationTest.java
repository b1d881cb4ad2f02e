package org.retentionwarehouse.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class KeyedPermutationTest {

    @Test
    void isABijectionOfItsDomain() {
        for (long size : new long[] {2, 3, 10, 1000, 12345}) {
            KeyedPermutation p = new KeyedPermutation(size, 42);
            BitSet seen = new BitSet();
            for (long x = 0; x < size; x++) {
                long y = p.apply(x);
                assertThat(y).isBetween(0L, size - 1);
                seen.set((int) y);
            }
            assertThat(seen.cardinality()).isEqualTo((int) size);
        }
    }

    @Test
    void differentKeysGiveUnrelatedOrders() {
        KeyedPermutation a = new KeyedPermutation(1_000_000, 1);
        KeyedPermutation b = new KeyedPermutation(1_000_000, 2);
        int same = 0;
        for (long x = 0; x < 1000; x++) {
            same += a.apply(x) == b.apply(x) ? 1 : 0;
        }
        assertThat(same).isLessThan(3);
    }
}
