package org.retentionwarehouse.simulator.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.world.NamePool;
import org.retentionwarehouse.simulator.world.Stores;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * What every recorder shares: stores, ids, calendar and each workshop's technicians. Immutable.
 *
 * @param stores      the stores
 * @param ids         id, VIN and plate generation
 * @param timeline    the run's calendar
 * @param technicians technicians' names per store
 */
public record ExtractContext(Stores stores, SourceIds ids, Timeline timeline, List<List<String>> technicians) {

    private static final int TECHNICIANS_PER_STORE = 8;

    /** Context for a run. */
    public static ExtractContext create(long seed, Stores stores, Timeline timeline) {
        List<List<String>> technicians = new ArrayList<>();
        for (int s = 0; s < stores.size(); s++) {
            SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.STORE, s, 1);
            List<String> names = new ArrayList<>();
            for (int t = 0; t < TECHNICIANS_PER_STORE; t++) {
                names.add(NamePool.personName(rng, rng.nextDouble() < 0.9 ? Gender.MALE : Gender.FEMALE));
            }
            technicians.add(List.copyOf(names));
        }
        return new ExtractContext(stores, new SourceIds(seed, stores), timeline, List.copyOf(technicians));
    }
}
