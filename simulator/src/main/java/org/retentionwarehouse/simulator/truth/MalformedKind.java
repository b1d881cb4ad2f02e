package org.retentionwarehouse.simulator.truth;

import org.retentionwarehouse.simulator.model.CanonicalCode;

/** Why an injected row is malformed (the {@code kind} column of {@code malformed.csv}). */
public enum MalformedKind implements CanonicalCode {
    /** CSV: a field missing or one too many; JSONL: the line is cut short and no longer JSON. */
    WRONG_FIELD_COUNT,
    /** A date field that does not parse with the dialect's pattern. */
    BAD_DATE,
    /** A VIN of the wrong length, with I, O or Q, or with a wrong check digit. */
    BAD_VIN,
    /** A negative amount. */
    NEGATIVE_AMOUNT,
    /** A code missing from the dialect's code map. */
    UNKNOWN_CODE,
    /** Bytes that are invalid in the file's encoding inside a text field. */
    BROKEN_ENCODING,
    /** An event date (an order, a visit, a contact) ten years after it happened: a mistyped year. */
    FUTURE_DATE
}
