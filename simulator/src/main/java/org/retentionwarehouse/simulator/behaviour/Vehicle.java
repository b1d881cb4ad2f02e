package org.retentionwarehouse.simulator.behaviour;

import org.retentionwarehouse.simulator.model.SaleType;
import org.retentionwarehouse.simulator.world.Brand;
import org.retentionwarehouse.simulator.world.VehicleModel;

/**
 * What never changes about a vehicle a person bought.
 *
 * @param number      per-person vehicle number (0, 1, ...), stable for ids and VINs
 * @param brand       make
 * @param model       model
 * @param modelYear   model year
 * @param saleType    new or used
 * @param purchaseDay purchase day (epoch day)
 * @param soldAt      store that sold it
 * @param servicedAt  store its owner normally takes it to
 * @param startKm     odometer at purchase
 * @param kmPerDay    distance driven per day
 * @param price       sale price in yuan
 * @param ageAtPurchase years the vehicle had already been on the road when bought (used cars)
 */
public record Vehicle(int number, Brand brand, VehicleModel model, int modelYear, SaleType saleType, int purchaseDay,
        int soldAt, int servicedAt, double startKm, double kmPerDay, long price, double ageAtPurchase) {

    /** Age in years on a day. */
    public double ageYears(int day) {
        return ageAtPurchase + (day - purchaseDay) / 365.25;
    }

    /** Odometer reading on a day. */
    public int odometer(int day) {
        return (int) (startKm + kmPerDay * Math.max(0, day - purchaseDay));
    }
}
