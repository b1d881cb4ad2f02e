package org.retentionwarehouse.simulator.behaviour;

/** A vehicle and its clocks: maintenance, insurance, inspection. */
public final class VehicleState {

    private static final int FIRST_INTERVAL_KM = 5_000;
    private static final int FIRST_INTERVAL_DAYS = 183;
    private static final int INTERVAL_KM = 10_000;
    private static final int INTERVAL_DAYS = 365;

    private final Vehicle vehicle;
    int lastMaintenanceDay;
    int maintenanceCount;
    /** First day of the current overdue spell, or -1 when maintenance is not overdue. */
    int overdueSince = -1;
    /** A maintenance visit is scheduled and not yet done. */
    boolean booked;
    int insuranceExpiry;
    int inspectionDue;
    boolean active = true;

    VehicleState(Vehicle vehicle) {
        this.vehicle = vehicle;
    }

    /** The vehicle. */
    public Vehicle vehicle() {
        return vehicle;
    }

    /** Day the current insurance policy expires. */
    public int insuranceExpiry() {
        return insuranceExpiry;
    }

    /** Day the next statutory inspection is due. */
    public int inspectionDue() {
        return inspectionDue;
    }

    /** Maintenance services done so far. */
    public int maintenanceCount() {
        return maintenanceCount;
    }

    /**
     * Day the next maintenance is due: 10,000 km or 12 months after the last one, whichever comes
     * first (5,000 km or 6 months for the first service of a new car).
     */
    int maintenanceDueDay() {
        boolean first = maintenanceCount == 0;
        double km = first ? FIRST_INTERVAL_KM : INTERVAL_KM;
        int byDistance = (int) Math.ceil(km / vehicle.kmPerDay());
        return lastMaintenanceDay + Math.min(first ? FIRST_INTERVAL_DAYS : INTERVAL_DAYS, byDistance);
    }

    VehicleState copy() {
        VehicleState c = new VehicleState(vehicle);
        c.lastMaintenanceDay = lastMaintenanceDay;
        c.maintenanceCount = maintenanceCount;
        c.overdueSince = overdueSince;
        c.booked = booked;
        c.insuranceExpiry = insuranceExpiry;
        c.inspectionDue = inspectionDue;
        c.active = active;
        return c;
    }
}
