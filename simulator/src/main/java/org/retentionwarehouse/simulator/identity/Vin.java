package org.retentionwarehouse.simulator.identity;

/** Vehicle identification numbers (ISO 3779) with the North-American check digit used in China (GB 16735). */
public final class Vin {

    /** Characters a VIN may contain: digits and capital letters except I, O and Q. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final String YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789";

    private Vin() {
    }

    /** Builds a VIN from positions 1-8 and 10-17, inserting the check digit at position 9. */
    public static String assemble(String first8, String last8) {
        if (first8.length() != 8 || last8.length() != 8) {
            throw new IllegalArgumentException("VIN parts must have 8 characters each: " + first8 + " / " + last8);
        }
        return first8 + checkDigit(first8 + '0' + last8) + last8;
    }

    /** Check digit of a 17-character VIN (position 9 itself has weight zero). */
    public static char checkDigit(CharSequence vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += value(vin.charAt(i)) * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    /** True when {@code vin} has 17 allowed characters and a correct check digit. */
    public static boolean isValid(String vin) {
        if (vin == null || vin.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (ALPHABET.indexOf(vin.charAt(i)) < 0) {
                return false;
            }
        }
        return checkDigit(vin) == vin.charAt(8);
    }

    /** Model-year code for position 10 (the 30-year cycle of ISO 3779). */
    public static char modelYearCode(int year) {
        return YEAR_CODES.charAt(Math.floorMod(year - 1980, YEAR_CODES.length()));
    }

    /** Transliterated value of one VIN character. */
    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> throw new IllegalArgumentException("character not allowed in a VIN: " + c);
        };
    }
}
