package org.retentionwarehouse.ingest.linkage;

import java.util.EnumMap;
import java.util.Map;

/**
 * One input record: its id and the normalised value of each role (null when missing). Several
 * columns mapped to the same role are joined with a space before normalisation.
 */
public final class Record {

    private final String id;
    private final String[] values;

    private Record(String id, String[] values) {
        this.id = id;
        this.values = values;
    }

    /** A record from raw (un-normalised) values by role. */
    public static Record of(String id, Map<Role, String> raw) {
        String[] v = new String[Role.values().length];
        for (Map.Entry<Role, String> e : raw.entrySet()) {
            v[e.getKey().ordinal()] = Normalize.value(e.getKey(), e.getValue());
        }
        return new Record(id, v);
    }

    public String id() {
        return id;
    }

    /** The normalised value, or {@code null} when missing. */
    public String get(Role role) {
        return values[role.ordinal()];
    }

    /** Normalised values by role, missing ones left out. */
    public Map<Role, String> values() {
        Map<Role, String> m = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            if (values[r.ordinal()] != null) {
                m.put(r, values[r.ordinal()]);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return id + values();
    }
}
