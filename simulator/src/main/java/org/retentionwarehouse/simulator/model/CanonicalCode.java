package org.retentionwarehouse.simulator.model;

import java.util.Locale;

/**
 * A value of a coded column in the warehouse's canonical vocabulary (the right-hand side of a
 * dialect's {@code codes} map). Dialects translate it to their own source code when writing.
 */
public interface CanonicalCode {

    /** The canonical code, by default the constant's name in lower case. */
    default String code() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }
}
