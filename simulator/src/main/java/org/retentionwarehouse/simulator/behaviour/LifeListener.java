package org.retentionwarehouse.simulator.behaviour;

import org.retentionwarehouse.simulator.model.CallbackOutcome;
import org.retentionwarehouse.simulator.model.ComplaintCategory;
import org.retentionwarehouse.simulator.model.ContactChannel;
import org.retentionwarehouse.simulator.model.LeadChannel;
import org.retentionwarehouse.simulator.model.ServiceType;
import org.retentionwarehouse.simulator.model.Tier;

/**
 * Observes a life as it is simulated, in time order. The extract recorder turns the events into
 * source records; the churn estimator only watches for activity. Times are minutes since the epoch
 * (local time in China).
 */
public interface LifeListener {

    /** Checked between events: true ends the simulation of this life early. */
    default boolean stopRequested() {
        return false;
    }

    /** A service visit or a purchase happened on {@code day} (what "not churned" means). */
    default void activity(int day) {
    }

    /** Bought a vehicle. */
    default void purchased(PersonState state, VehicleState vehicle, int store, long minute) {
    }

    /** Brought a vehicle to a workshop; {@code visit} numbers the person's visits from 1. */
    default void serviced(PersonState state, VehicleState vehicle, int store, ServiceType type, long minute,
            int mileage, int visit) {
    }

    /** Complained about a visit; {@code complaint} numbers the person's complaints from 1. */
    default void complaintFiled(PersonState state, int store, int complaint, int visit, ComplaintCategory category,
            long minute) {
    }

    /** A complaint was resolved. */
    default void complaintResolved(PersonState state, int store, int complaint, long minute) {
    }

    /** Customer care called back after a visit. */
    default void calledBack(PersonState state, int store, int visit, CallbackOutcome outcome, long minute) {
    }

    /** Answered a satisfaction survey about a visit. */
    default void surveyed(PersonState state, int store, int visit, int score, long minute) {
    }

    /** Asked the store something. */
    default void consulted(PersonState state, int store, ContactChannel channel, long minute) {
    }

    /** Received a care contact (birthday greetings). */
    default void caredFor(PersonState state, int store, ContactChannel channel, long minute) {
    }

    /** Renewed a vehicle's insurance through the store. */
    default void insuranceRenewed(PersonState state, VehicleState vehicle, int store, long minute) {
    }

    /** Opt-out or blacklist flag changed (the new values are in the state). */
    default void consentChanged(PersonState state, long minute) {
    }

    /** Moved to a higher tier at a store where they already had records. */
    default void tierChanged(PersonState state, int store, Tier tier, long minute) {
    }

    /** A prospect visited a showroom. */
    default void visitedShowroom(PersonState state, int store, LeadChannel channel, long minute) {
    }

    /** Gave up their mobile number for a new one. */
    default void phoneChanged(PersonState state, long minute) {
    }
}
