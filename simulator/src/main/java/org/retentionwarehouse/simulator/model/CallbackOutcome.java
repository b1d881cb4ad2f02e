package org.retentionwarehouse.simulator.model;

/** Result of a post-service call-back. */
public enum CallbackOutcome implements CanonicalCode {
    REACHED, NO_ANSWER, REFUSED
}
