package org.retentionwarehouse.simulator.model;

/**
 * Text written verbatim whatever the column's type: how corrupted copies carry values that are not
 * valid for their column (an impossible date, an unknown code, a broken VIN).
 */
public record RawText(String text) {
}
