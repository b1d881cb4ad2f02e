package org.retentionwarehouse.simulator.model;

import java.time.LocalDateTime;

/** A repair order (service visit); its amount is the sum of its lines. */
public record ServiceOrderRow(String orderId, String customerSourceId, String vin, LocalDateTime openDate,
        LocalDateTime closeDate, Integer mileage, ServiceType serviceType, Money amount) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.SERVICE_ORDER;
    }

    @Override
    public Object[] values() {
        return new Object[] {orderId, customerSourceId, vin, openDate, closeDate, mileage, serviceType, amount};
    }
}
