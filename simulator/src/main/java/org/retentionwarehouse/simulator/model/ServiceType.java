package org.retentionwarehouse.simulator.model;

/** Kind of repair order. */
public enum ServiceType implements CanonicalCode {
    MAINTENANCE, REPAIR, WARRANTY, ACCIDENT, INSPECTION
}
