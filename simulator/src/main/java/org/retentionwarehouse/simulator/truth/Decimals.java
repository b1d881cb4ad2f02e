package org.retentionwarehouse.simulator.truth;

/** Fixed-point formatting of non-negative numbers for the truth files, without locale surprises. */
public final class Decimals {

    private Decimals() {
    }

    /** {@code value} rounded to {@code places} decimals, e.g. 0.1235 with 3 places is "0.124". */
    public static String fixed(double value, int places) {
        long scale = (long) Math.pow(10, places);
        long scaled = Math.round(Math.abs(value) * scale);
        String fraction = Long.toString(scaled % scale);
        return (value < 0 && scaled != 0 ? "-" : "") + scaled / scale
                + (places == 0 ? "" : "." + "0".repeat(places - fraction.length()) + fraction);
    }
}
