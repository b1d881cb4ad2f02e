package org.retentionwarehouse.simulator.behaviour;

import org.retentionwarehouse.simulator.model.CallbackOutcome;
import org.retentionwarehouse.simulator.model.ComplaintCategory;
import org.retentionwarehouse.simulator.model.ContactChannel;
import org.retentionwarehouse.simulator.model.LeadChannel;
import org.retentionwarehouse.simulator.model.ServiceType;

/** Something scheduled to happen in a person's life. Vehicles are referred to by number so copies stay valid. */
sealed interface LifeEvent {

    /** Buys a vehicle; {@code tradeIn} retires the oldest vehicle still in use. */
    record Purchase(int store, boolean tradeIn) implements LifeEvent {
    }

    /** A vehicle's maintenance falls due (stale if another maintenance happened meanwhile). */
    record MaintenanceDue(int vehicle, int maintenanceCount) implements LifeEvent {
    }

    /** Brings a vehicle to a store's workshop. */
    record ServiceVisit(int vehicle, int store, ServiceType type) implements LifeEvent {
    }

    /** Complains about a visit. */
    record ComplaintFiled(int store, int visit, ComplaintCategory category) implements LifeEvent {
    }

    /** The store resolves a complaint. */
    record ComplaintResolved(int store, int complaint, boolean quick) implements LifeEvent {
    }

    /** Customer care calls after a visit. */
    record Callback(int store, int visit, CallbackOutcome outcome) implements LifeEvent {
    }

    /** Satisfaction survey after a visit. */
    record Survey(int store, int visit, int score) implements LifeEvent {
    }

    /** A yearly birthday: customer care may send greetings. */
    record Birthday() implements LifeEvent {
    }

    /** An insurance policy is about to expire: renew through the dealer or elsewhere. */
    record InsuranceRenewalDue(int vehicle) implements LifeEvent {
    }

    /** A statutory inspection falls due. */
    record InspectionDue(int vehicle) implements LifeEvent {
    }

    /** A prospect visits a showroom. */
    record ShowroomVisit(int store, LeadChannel channel) implements LifeEvent {
    }

    /** Gives up the mobile number (it will later be issued to someone else). */
    record PhoneChange() implements LifeEvent {
    }

    /** Asks a question (service, price, a new model). */
    record Consultation(int store, ContactChannel channel) implements LifeEvent {
    }

    /** Leaves the group for good: no more visits or purchases. */
    record Defection() implements LifeEvent {
    }

    /** Opts out of (or back into) marketing, or is blacklisted. */
    record ConsentChange(boolean blacklisting) implements LifeEvent {
    }
}
