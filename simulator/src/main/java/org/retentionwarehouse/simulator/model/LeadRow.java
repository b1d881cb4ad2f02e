package org.retentionwarehouse.simulator.model;

import java.time.LocalDateTime;

/** A prospect's showroom visit that did not (yet) end in a purchase. */
public record LeadRow(String leadId, String name, String phone, LocalDateTime visitDate, String interestedModel,
        LeadChannel channel) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.LEAD;
    }

    @Override
    public Object[] values() {
        return new Object[] {leadId, name, phone, visitDate, interestedModel, channel};
    }
}
