package org.retentionwarehouse.simulator.model;

import java.time.LocalDate;

/** A vehicle as one store's DMS knows it. */
public record VehicleRow(String vin, String plate, String brand, String model, Integer modelYear,
        String ownerSourceId, LocalDate purchaseDate, LocalDate insuranceExpiry, LocalDate inspectionDue)
        implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.VEHICLE;
    }

    @Override
    public Object[] values() {
        return new Object[] {vin, plate, brand, model, modelYear, ownerSourceId, purchaseDate, insuranceExpiry,
            inspectionDue};
    }
}
