package org.retentionwarehouse.ingest.normalize;

import java.text.Normalizer;

/**
 * Chinese phone numbers to one canonical digit string: mobiles as their 11 digits (whatever the
 * +86 / 0086 prefix, separators or full-width digits), landlines as area code plus number.
 */
public final class Phones {

    private Phones() {
    }

    /** The canonical form, or {@code null} when the text is no recognisable Chinese phone number. */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String d = digits.toString();
        if (d.startsWith("0086")) {
            d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
            d = d.substring(2);
        }
        if (d.matches("1[3-9]\\d{9}")) {
            return d;
        }
        if (d.matches("0[1-9]\\d{8,10}")) {
            return d;
        }
        return null;
    }

    /** True for a canonical mobile number (a landline is shared by a household or a company). */
    public static boolean isMobile(String canonical) {
        return canonical != null && canonical.length() == 11 && canonical.charAt(0) == '1';
    }
}
