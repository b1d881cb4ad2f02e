package org.retentionwarehouse.simulator.extract;

import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.world.Person;

/** Receives the records a person's life produces, routed to a store's delivery night. */
public interface ExtractSink {

    /** A record (or a new version of it) delivered in {@code night}'s extract of a store. */
    void extract(int store, int night, CanonicalRecord record);

    /** A customer record or lead first delivered: ground truth of whose it is. */
    void sourceRecord(int store, Entity entity, String sourceId, Person person);
}
