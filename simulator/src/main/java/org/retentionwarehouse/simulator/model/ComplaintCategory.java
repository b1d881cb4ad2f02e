package org.retentionwarehouse.simulator.model;

/** What a complaint is about. */
public enum ComplaintCategory implements CanonicalCode {
    QUALITY, PRICE, ATTITUDE, WAITING, PARTS, OTHER
}
