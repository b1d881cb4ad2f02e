package org.retentionwarehouse.ingest.normalize;

/** The quarantine reason codes. */
public final class Reasons {
    public static final String WRONG_FIELD_COUNT = "wrong_field_count";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String BROKEN_ENCODING = "broken_encoding";
    public static final String MISSING_REQUIRED = "missing_required";
    public static final String BAD_DATE = "bad_date";
    public static final String FUTURE_DATE = "future_date";
    public static final String BAD_NUMBER = "bad_number";
    public static final String NEGATIVE_AMOUNT = "negative_amount";
    public static final String UNKNOWN_CODE = "unknown_code";
    public static final String BAD_VIN = "bad_vin";

    private Reasons() {
    }
}
