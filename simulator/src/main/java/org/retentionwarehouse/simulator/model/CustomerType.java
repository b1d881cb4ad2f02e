package org.retentionwarehouse.simulator.model;

/** Private person or company. */
public enum CustomerType implements CanonicalCode {
    PRIVATE, COMMERCIAL
}
