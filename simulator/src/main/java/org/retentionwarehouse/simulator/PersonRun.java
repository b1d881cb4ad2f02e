package org.retentionwarehouse.simulator;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.retentionwarehouse.simulator.behaviour.Life;
import org.retentionwarehouse.simulator.behaviour.PersonState;
import org.retentionwarehouse.simulator.extract.ExtractContext;
import org.retentionwarehouse.simulator.extract.ExtractRecorder;
import org.retentionwarehouse.simulator.output.ChunkOutput;
import org.retentionwarehouse.simulator.random.Seeds;
import org.retentionwarehouse.simulator.truth.ChurnEstimator;
import org.retentionwarehouse.simulator.truth.Decimals;
import org.retentionwarehouse.simulator.truth.TruthFile;
import org.retentionwarehouse.simulator.world.Person;
import org.retentionwarehouse.simulator.world.PersonFactory;
import org.retentionwarehouse.simulator.world.Timeline;

/**
 * Simulates one person from entry to the horizon along the main timeline, pausing at the first and
 * last nights and at each cutoff (to estimate the churn truth from the state there), a year after
 * each cutoff (to read off the realised churn), and at every month's end, where a tick ends anyway,
 * to keep the state at the end of the last month with a visit or purchase (where the churn
 * probability given the history starts). Thread-safe: all mutable state is per call.
 */
final class PersonRun {

    private final long seed;
    private final Timeline timeline;
    private final PersonFactory persons;
    private final Life life;
    private final ExtractContext context;
    private final ChurnEstimator churn;
    private final int[] pauses;
    private final int[] activeSince;

    PersonRun(long seed, Timeline timeline, PersonFactory persons, Life life, ExtractContext context,
            ChurnEstimator churn) {
        this.seed = seed;
        this.timeline = timeline;
        this.persons = persons;
        this.life = life;
        this.context = context;
        this.churn = churn;
        this.pauses = IntStream.concat(IntStream.of(stops(timeline)), monthStarts(timeline)).sorted().distinct().toArray();
        // Active at a cutoff: a visit or purchase in the 24 months before it.
        this.activeSince = IntStream.of(timeline.cutoffs())
                .map(c -> (int) LocalDate.ofEpochDay(c).minusMonths(24).toEpochDay()).toArray();
    }

    /** Days the main timeline pauses at (exclusive ends), which are also tick boundaries for every life. */
    static int[] stops(Timeline timeline) {
        IntStream.Builder stops = IntStream.builder();
        stops.add(timeline.historyStart()).add(timeline.firstNight() + 1).add(timeline.lastNight() + 1).add(timeline.horizon());
        for (int cutoff : timeline.cutoffs()) {
            stops.add(cutoff + 1).add(cutoff + Timeline.CHURN_WINDOW_DAYS + 1);
        }
        return stops.build().sorted().distinct().toArray();
    }

    /** The first day of every month after the earliest entry, up to the horizon: all tick boundaries. */
    private static IntStream monthStarts(Timeline timeline) {
        LocalDate first = LocalDate.ofEpochDay(timeline.earliestEntry()).withDayOfMonth(1).plusMonths(1);
        return first.datesUntil(LocalDate.ofEpochDay(timeline.horizon()), java.time.Period.ofMonths(1))
                .mapToInt(d -> (int) d.toEpochDay());
    }

    /** Simulates person {@code index} into {@code out}: extract records and truth rows. */
    void simulate(int index, ChunkOutput out) {
        Person person = persons.create(index);
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.LIFE, index);
        ExtractRecorder recorder = new ExtractRecorder(context, person,
                Seeds.stream(seed, Seeds.Purpose.PRESENTATION, index), out);
        PersonState state = life.begin(person, rng);
        int[] cutoffs = timeline.cutoffs();
        String[][] churnRows = new String[cutoffs.length][];
        boolean optOut = false;
        boolean blacklisted = false;
        PersonState lastActiveMonthEnd = null;
        for (int stop : pauses) {
            int lastActivity = state.lastActivityDay();
            life.advance(state, stop, rng, recorder);
            if (state.lastActivityDay() != lastActivity) {
                lastActiveMonthEnd = state.copy();
            }
            if (stop == timeline.lastNight() + 1) {
                optOut = state.optOut();
                blacklisted = state.blacklisted();
            }
            for (int i = 0; i < cutoffs.length; i++) {
                int cutoff = cutoffs[i];
                if (stop == cutoff + 1 && person.customer() && person.entryDay() <= cutoff) {
                    boolean active = state.lastActivityDay() > activeSince[i];
                    churnRows[i] = new String[] {LocalDate.ofEpochDay(cutoff).toString(), person.id(),
                        Boolean.toString(active), Decimals.fixed(churn.probability(state, i, cutoff), 4),
                        Decimals.fixed(churn.probabilityGivenHistory(lastActiveMonthEnd, state.lastSignOfLifeDay(), i, cutoff), 4),
                        Decimals.fixed(churn.probabilityGivenRecords(lastActiveMonthEnd, state.lastSignOfLifeDay(), i, cutoff), 4),
                        null};
                }
                if (stop == cutoff + Timeline.CHURN_WINDOW_DAYS + 1 && churnRows[i] != null) {
                    churnRows[i][6] = Boolean.toString(state.lastActivityDay() <= cutoff);
                }
            }
        }
        recorder.finish();
        out.truth(TruthFile.PERSONS, person.id(), person.kind().code(), person.name(),
                person.mobileOn(timeline.lastNight()), person.idNumber() == null ? "" : person.idNumber(),
                context.stores().get(person.homeStore()).id(), Decimals.fixed(person.loyalty(), 4),
                Decimals.fixed(person.kmPerDay(), 1), Decimals.fixed(person.complaintSensitivity(), 4),
                Boolean.toString(optOut), Boolean.toString(blacklisted));
        for (String[] row : churnRows) {
            if (row != null) {
                out.truth(TruthFile.CHURN, row);
            }
        }
    }
}
