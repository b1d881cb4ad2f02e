package org.retentionwarehouse.scoring.model;

import java.util.Locale;

/** What a model predicts, with the label column it learns from ({@code 1} when the event happened in the outcome window). */
public enum Target {
    /** No service visit and no purchase in the churn window after the cutoff. */
    CHURN("churned"),
    /** A vehicle bought in the repurchase window after the cutoff. */
    REPURCHASE("repurchased");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name in the model registry and in version names, e.g. {@code churn-2026-11-30}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String version(java.time.LocalDate trainedFor) {
        return id() + "-" + trainedFor;
    }
}
