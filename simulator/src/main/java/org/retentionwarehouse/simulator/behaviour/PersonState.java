package org.retentionwarehouse.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.retentionwarehouse.simulator.model.Tier;
import org.retentionwarehouse.simulator.world.LoyaltyPrior;
import org.retentionwarehouse.simulator.world.Person;

/**
 * Everything about a person that changes over their life, including the agenda of scheduled events.
 * It is the full latent state: a copy simulated forward with a fresh random stream is a valid draw of
 * the person's future, which is how the churn truth is estimated.
 */
public final class PersonState {

    private final Person person;
    int clock;
    boolean customer;
    boolean defected;
    double loyalty;
    int unresolvedComplaints;
    boolean optOut;
    boolean blacklisted;
    int lastActivityDay = Integer.MIN_VALUE;
    int lastSignOfLifeDay = Integer.MIN_VALUE;
    int visits;
    int complaints;
    final List<VehicleState> vehicles;
    final List<StoreAccount> accounts;
    final Agenda agenda;
    /** What the records so far say about the initial loyalty; null in a forecast, which nothing reads it from. */
    private final LoyaltyEvidence evidence;
    /** First day the stores' records hold events of: what happened before it is evidence of nothing. */
    private final int recordsStart;
    /** Work space for a tick's competing rates and how many of each fired; never copied. */
    double[] rates = new double[0];
    int[] fired = new int[0];

    PersonState(Person person, int clock, int recordsStart) {
        this.person = person;
        this.clock = clock;
        this.recordsStart = recordsStart;
        this.loyalty = person.loyalty();
        this.vehicles = new ArrayList<>(Math.max(2, person.fleetSize()));
        this.accounts = new ArrayList<>(2);
        this.agenda = new Agenda();
        this.evidence = new LoyaltyEvidence(LoyaltyPrior.of(person.kind()));
    }

    private PersonState(PersonState from, boolean withEvidence) {
        this.person = from.person;
        this.clock = from.clock;
        this.recordsStart = from.recordsStart;
        this.customer = from.customer;
        this.defected = from.defected;
        this.loyalty = from.loyalty;
        this.unresolvedComplaints = from.unresolvedComplaints;
        this.optOut = from.optOut;
        this.blacklisted = from.blacklisted;
        this.lastActivityDay = from.lastActivityDay;
        this.lastSignOfLifeDay = from.lastSignOfLifeDay;
        this.visits = from.visits;
        this.complaints = from.complaints;
        this.vehicles = new ArrayList<>(from.vehicles.size());
        for (VehicleState v : from.vehicles) {
            vehicles.add(v.copy());
        }
        this.accounts = new ArrayList<>(from.accounts.size());
        for (StoreAccount a : from.accounts) {
            accounts.add(a.copy());
        }
        this.agenda = from.agenda.copy();
        this.evidence = withEvidence && from.evidence != null ? from.evidence.copy() : null;
    }

    /** An independent copy (events are immutable and refer to vehicles by number, so they are shared). */
    public PersonState copy() {
        return new PersonState(this, true);
    }

    /**
     * An independent copy to simulate the future from. It does not weigh what its records say of the
     * loyalty, which no forecast reads and which would cost more than the simulation itself.
     */
    public PersonState forecast() {
        return new PersonState(this, false);
    }

    /**
     * A {@link #forecast} whose loyalty is not the person's but one drawn from what their records so
     * far say of it (with the loyalty gained or lost since added as it was): a draw of the person's
     * future as seen by someone who knows only the records and the behaviour model.
     */
    public PersonState forecastGivenRecords(SplittableRandom rng) {
        PersonState copy = forecast();
        copy.loyalty = LoyaltyEvidence.current(evidence.draw(rng), loyalty - person.loyalty());
        return copy;
    }

    /**
     * Whether {@link #observe} records anything: not in a forecast, nor before the records start (a
     * tick boundary, so the whole tick is on one side). Outcomes costly to judge ask first.
     */
    boolean weighsEvidence() {
        return weighsStaying() && clock >= recordsStart;
    }

    /**
     * Records an outcome of a visit or a care contact that depends on the loyalty: its log likelihood
     * as a function of the current loyalty.
     */
    void observe(DoubleUnaryOperator logLikelihood) {
        if (clock >= recordsStart) {
            observeStaying(logLikelihood);
        }
    }

    /** Whether {@link #observeStaying} records anything: not in a forecast. */
    boolean weighsStaying() {
        return evidence != null;
    }

    /**
     * As {@link #observe}, for staying with the group and buying cars, which the master records show
     * from the person's start, before the records start too.
     */
    void observeStaying(DoubleUnaryOperator logLikelihood) {
        if (weighsStaying()) {
            evidence.observe(loyalty - person.loyalty(), logLikelihood);
        }
    }

    /** The person. */
    public Person person() {
        return person;
    }

    /** The first day not yet simulated. */
    public int clock() {
        return clock;
    }

    /** True once the person has left the group for good. */
    public boolean defected() {
        return defected;
    }

    /** Opted out of marketing. */
    public boolean optOut() {
        return optOut;
    }

    /** Blacklisted by the group. */
    public boolean blacklisted() {
        return blacklisted;
    }

    /** Day of the last service visit or purchase, or {@link Integer#MIN_VALUE}. */
    public int lastActivityDay() {
        return lastActivityDay;
    }

    /**
     * Day of the person's last question to a store: the one dated record of theirs besides visits
     * and purchases that shows they had not left the group by then (a renewed policy or a consent
     * change only updates a record, whose earlier values are lost). {@link Integer#MIN_VALUE} if none.
     */
    public int lastSignOfLifeDay() {
        return lastSignOfLifeDay;
    }

    /** The person's tier at a store (regular where they have no account). */
    public Tier tierAt(int store) {
        StoreAccount a = findAccount(store);
        return a == null ? Tier.REGULAR : a.tier;
    }

    StoreAccount findAccount(int store) {
        for (StoreAccount a : accounts) {
            if (a.store == store) {
                return a;
            }
        }
        return null;
    }

    void schedule(long minute, LifeEvent event) {
        agenda.add(minute, event);
    }
}
