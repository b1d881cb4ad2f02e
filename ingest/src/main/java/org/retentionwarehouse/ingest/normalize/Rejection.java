package org.retentionwarehouse.ingest.normalize;

/**
 * Why a source row cannot be loaded. Thrown while normalizing a field and turned into a
 * {@code staging.quarantine} row; never escapes the parser.
 */
public final class Rejection extends Exception {

    private final String reason;

    public Rejection(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Stable reason code, e.g. {@code bad_vin}; documented in the README. */
    public String reason() {
        return reason;
    }
}
