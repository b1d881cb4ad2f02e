package org.retentionwarehouse.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.simulator.model.Gender;
import org.retentionwarehouse.simulator.world.LoyaltyPrior;
import org.retentionwarehouse.simulator.world.Person;
import org.retentionwarehouse.simulator.world.PersonKind;
import org.retentionwarehouse.simulator.world.TrapRole;

/**
 * What the oracle given the records draws a person's loyalty from: only outcomes the stores' records
 * hold. A customer who bought their first car years before the records start must not be judged by
 * the visits of those years, which the warehouse never receives; that they stayed with the group
 * since, which the migrated master records show, still counts.
 */
class LoyaltyEvidenceTest {

    private static final int RECORDS_START = (int) LocalDate.of(2022, 11, 1).toEpochDay();
    private static final LoyaltyPrior PRIOR = LoyaltyPrior.of(PersonKind.PRIVATE);

    private final Person person = new Person(0, "P0000001", PersonKind.PRIVATE, TrapRole.NONE, -1, "张伟", Gender.MALE,
            LocalDate.of(1980, 5, 1), null, "13800000000", null, 0, 0, -1, RECORDS_START - 5 * 365, 0.9, 40, 0.3, 1,
            Person.NEVER, null);

    @Test
    void outcomesBeforeTheRecordsStartSayNothing() {
        PersonState state = new PersonState(person, RECORDS_START - 400, RECORDS_START);
        state.observe(loyalty -> 40 * Math.log(loyalty));

        assertThat(meanDrawn(state)).isCloseTo(PRIOR.alpha() / (PRIOR.alpha() + PRIOR.beta()), within(0.02));
    }

    @Test
    void stayingBeforeTheRecordsStartCounts() {
        PersonState state = new PersonState(person, RECORDS_START - 400, RECORDS_START);
        state.observeStaying(loyalty -> 40 * Math.log(loyalty));

        assertThat(meanDrawn(state)).isGreaterThan(0.9);
    }

    @Test
    void outcomesFromTheRecordsStartOnMoveTheDraws() {
        PersonState state = new PersonState(person, RECORDS_START, RECORDS_START);
        state.observe(loyalty -> 40 * Math.log(loyalty));

        assertThat(meanDrawn(state)).isGreaterThan(0.9);
    }

    private static double meanDrawn(PersonState state) {
        SplittableRandom rng = new SplittableRandom(7);
        return IntStream.range(0, 4000).mapToDouble(i -> state.forecastGivenRecords(rng).loyalty).average().orElseThrow();
    }
}
