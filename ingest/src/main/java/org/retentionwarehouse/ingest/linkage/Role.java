package org.retentionwarehouse.ingest.linkage;

import java.util.Locale;

/** What a mapped column means to the linkage engine; decides its normalisation, comparison and blocking use. */
public enum Role {
    PERSON_NAME, GIVEN_NAME, SURNAME, PHONE, EMAIL, DATE_OF_BIRTH, ID_NUMBER, VIN,
    ADDRESS, STREET_NUMBER, CITY, POSTCODE, STATE, FREE_TEXT;

    /** The name used in mapping files, e.g. {@code date_of_birth}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a mapping-file name, or {@code null} when there is none. */
    public static Role fromKey(String key) {
        if (key == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
