package org.retentionwarehouse.simulator.model;

/** New or used vehicle sale. */
public enum SaleType implements CanonicalCode {
    NEW, USED
}
