package org.retentionwarehouse.simulator.world;

import org.retentionwarehouse.simulator.model.CanonicalCode;

/** What a simulated person is to the group. */
public enum PersonKind implements CanonicalCode {
    /** A private customer. */
    PRIVATE,
    /** A company customer (its records carry the company name). */
    COMMERCIAL,
    /** Someone who visited a showroom; some buy later. */
    PROSPECT
}
