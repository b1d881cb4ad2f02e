package org.retentionwarehouse.simulator.model;

/** Gender as recorded on customer records. */
public enum Gender implements CanonicalCode {
    MALE("M"), FEMALE("F");

    private final String code;

    Gender(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
