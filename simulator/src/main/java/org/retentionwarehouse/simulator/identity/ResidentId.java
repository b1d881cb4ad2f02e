package org.retentionwarehouse.simulator.identity;

import java.time.DateTimeException;
import java.time.LocalDate;

/** 18-character Chinese resident identity numbers (GB 11643) with the ISO 7064 MOD 11-2 check character. */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";

    private ResidentId() {
    }

    /** Region code, birth date, three-digit sequence (odd for men) and check character. */
    public static String compose(String region, LocalDate birthDate, int sequence) {
        if (region.length() != 6 || sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("bad region or sequence: " + region + " / " + sequence);
        }
        String first17 = region + String.format("%04d%02d%02d%03d", birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), sequence);
        return first17 + checkChar(first17);
    }

    /** Check character over the first 17 digits. */
    public static char checkChar(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("non-digit in the first 17 characters: " + id);
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    /** True when {@code id} has 17 digits, a real birth date and the right check character. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        try {
            LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return false;
        }
        return checkChar(id) == id.charAt(17);
    }
}
