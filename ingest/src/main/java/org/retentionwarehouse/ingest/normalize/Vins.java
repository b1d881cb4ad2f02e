package org.retentionwarehouse.ingest.normalize;

/** ISO 3779 vehicle identification numbers with the North-American check digit (position 9), as used in China. */
public final class Vins {

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private Vins() {
    }

    /** True when {@code vin} is 17 characters of the VIN alphabet (no I, O, Q) with a correct check digit. */
    public static boolean isValid(String vin) {
        if (vin == null || vin.length() != 17) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = transliterate(vin.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * WEIGHTS[i];
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        return vin.charAt(8) == expected;
    }

    private static int transliterate(char c) {
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
            default -> -1;
        };
    }
}
