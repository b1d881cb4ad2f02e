package org.retentionwarehouse.simulator.output;

import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.random.Seeds;

/**
 * When each store's delivery of each business date arrives: on the date itself, or for a share of the
 * nightly deltas one or two days late (the initial full extract is never late). When the draws make no
 * delivery late although late deliveries are possible, one is made late anyway, so every data set with
 * a delta night exercises late loading.
 */
public final class DeliverySchedule {

    private final int[][] delays;

    /** Schedule for {@code stores} stores over {@code nights} delivery nights. */
    public DeliverySchedule(long seed, int stores, int nights, double lateRate) {
        delays = new int[stores][nights];
        boolean anyLate = false;
        for (int s = 0; s < stores; s++) {
            for (int n = 1; n < nights; n++) {
                SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.DELIVERY, s, n);
                if (rng.nextDouble() < lateRate) {
                    delays[s][n] = rng.nextDouble() < 0.8 ? 1 : 2;
                    anyLate = true;
                }
            }
        }
        if (!anyLate && lateRate > 0 && nights > 1) {
            SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.DELIVERY, -1);
            delays[rng.nextInt(stores)][1 + rng.nextInt(nights - 1)] = 1;
        }
    }

    /** Days the delivery of a night arrives after its business date. */
    public int delay(int store, int night) {
        return delays[store][night];
    }
}
