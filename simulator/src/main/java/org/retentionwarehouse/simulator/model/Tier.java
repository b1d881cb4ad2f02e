package org.retentionwarehouse.simulator.model;

/** Customer tier as a store's systems record it. */
public enum Tier implements CanonicalCode {
    REGULAR, VIP, PREMIER, FLEET
}
