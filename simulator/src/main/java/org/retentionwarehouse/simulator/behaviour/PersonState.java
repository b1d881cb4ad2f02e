package org.retentionwarehouse.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import org.retentionwarehouse.simulator.model.Tier;
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
    int visits;
    int complaints;
    final List<VehicleState> vehicles;
    final List<StoreAccount> accounts;
    final Agenda agenda;
    /** Work space for a tick's competing rates; never copied. */
    double[] rates = new double[0];

    PersonState(Person person, int clock) {
        this.person = person;
        this.clock = clock;
        this.loyalty = person.loyalty();
        this.vehicles = new ArrayList<>(Math.max(2, person.fleetSize()));
        this.accounts = new ArrayList<>(2);
        this.agenda = new Agenda();
    }

    private PersonState(PersonState from) {
        this.person = from.person;
        this.clock = from.clock;
        this.customer = from.customer;
        this.defected = from.defected;
        this.loyalty = from.loyalty;
        this.unresolvedComplaints = from.unresolvedComplaints;
        this.optOut = from.optOut;
        this.blacklisted = from.blacklisted;
        this.lastActivityDay = from.lastActivityDay;
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
    }

    /** An independent copy (events are immutable and refer to vehicles by number, so they are shared). */
    public PersonState copy() {
        return new PersonState(this);
    }

    /** The person. */
    public Person person() {
        return person;
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
