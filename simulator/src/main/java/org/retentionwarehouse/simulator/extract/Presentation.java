package org.retentionwarehouse.simulator.extract;

import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.world.NamePool;

/**
 * How clerks actually type names and phone numbers: the variations that make exact matching fail
 * although every variant still denotes the same canonical value.
 */
public final class Presentation {

    private static final char FULL_WIDTH_SPACE = '\u3000';
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;

    private Presentation() {
    }

    /** A personal name as typed: mostly exact, sometimes with an inner space or a look-alike character. */
    public static String name(String name, RandomGenerator rng) {
        double u = rng.nextDouble();
        if (u < 0.86 || name.length() < 2) {
            return name;
        }
        if (u < 0.92) {
            return name.charAt(0) + " " + name.substring(1);
        }
        if (u < 0.95) {
            return name.charAt(0) + String.valueOf(FULL_WIDTH_SPACE) + name.substring(1);
        }
        int at = rng.nextInt(name.length());
        for (int i = 0; i < name.length(); i++) {
            int pos = (at + i) % name.length();
            char typo = NamePool.typoOf(name.charAt(pos));
            if (typo != name.charAt(pos)) {
                return name.substring(0, pos) + typo + name.substring(pos + 1);
            }
        }
        return name;
    }

    /** A company name, now and then with its Latin letters typed full-width. */
    public static String company(String name, RandomGenerator rng) {
        if (rng.nextDouble() < 0.3) {
            StringBuilder out = new StringBuilder(name.length());
            for (char c : name.toCharArray()) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + FULL_WIDTH_OFFSET) : c);
            }
            return out.toString();
        }
        return name;
    }

    /**
     * A phone as typed: the 11-digit mobile in one of several spellings, or (where the system allows
     * it) the landline instead.
     */
    public static String phone(String mobile, String landline, boolean landlineAllowed, RandomGenerator rng) {
        double u = rng.nextDouble();
        String a = mobile.substring(0, 3);
        String b = mobile.substring(3, 7);
        String c = mobile.substring(7);
        if (u < 0.58) {
            return mobile;
        }
        if (u < 0.68) {
            return "+86 " + a + "-" + b + "-" + c;
        }
        if (u < 0.76) {
            return "0086 " + a + " " + b + " " + c;
        }
        if (u < 0.88) {
            return a + "-" + b + "-" + c;
        }
        if (u < 0.95 || !landlineAllowed) {
            return fullWidthDigits(mobile);
        }
        return landline;
    }

    private static String fullWidthDigits(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c + FULL_WIDTH_OFFSET) : c);
        }
        return out.toString();
    }
}
