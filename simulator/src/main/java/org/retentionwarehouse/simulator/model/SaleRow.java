package org.retentionwarehouse.simulator.model;

import java.time.LocalDateTime;

/** A vehicle sale. */
public record SaleRow(String orderId, String customerSourceId, String vin, LocalDateTime orderDate, Money amount,
        SaleType saleType) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.SALE;
    }

    @Override
    public Object[] values() {
        return new Object[] {orderId, customerSourceId, vin, orderDate, amount, saleType};
    }
}
