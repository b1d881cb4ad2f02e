package org.retentionwarehouse.simulator.model;

/** Repair-order line kind: a part or labour. */
public enum LineType implements CanonicalCode {
    PART, LABOUR
}
