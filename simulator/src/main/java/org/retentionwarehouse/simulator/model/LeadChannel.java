package org.retentionwarehouse.simulator.model;

/** How a prospect came to the store. */
public enum LeadChannel implements CanonicalCode {
    WALK_IN, ONLINE, PHONE, EVENT
}
