package org.retentionwarehouse.simulator.model;

import java.time.LocalDateTime;

/** A customer-care interaction; category and resolution only for complaints, score only for surveys. */
public record InteractionRow(String interactionId, String customerSourceId, InteractionType interactionType,
        LocalDateTime interactionDate, ContactChannel channel, ComplaintCategory category, LocalDateTime resolvedDate,
        Integer score, CallbackOutcome outcome, String relatedOrderId) implements ExtractRow {

    @Override
    public Entity entity() {
        return Entity.INTERACTION;
    }

    @Override
    public Object[] values() {
        return new Object[] {interactionId, customerSourceId, interactionType, interactionDate, channel, category,
            resolvedDate, score, outcome, relatedOrderId};
    }
}
