package org.retentionwarehouse.simulator.model;

/** Customer-care interaction kind. */
public enum InteractionType implements CanonicalCode {
    CONSULTATION, COMPLAINT, CALLBACK, SURVEY, CARE
}
