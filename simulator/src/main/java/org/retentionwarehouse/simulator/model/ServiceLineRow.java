package org.retentionwarehouse.simulator.model;

import java.math.BigDecimal;

/** One part or labour line of a repair order. */
public record ServiceLineRow(String orderId, Integer lineNo, LineType lineType, String itemCode, String description,
        BigDecimal quantity, Money amount, String technician) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.SERVICE_LINE;
    }

    @Override
    public Object[] values() {
        return new Object[] {orderId, lineNo, lineType, itemCode, description, quantity, amount, technician};
    }
}
