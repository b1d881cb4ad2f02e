package org.retentionwarehouse.ingest.normalize;

import java.text.Normalizer;

/**
 * Chinese phone numbers to one canonical digit string: mobiles as their 11 digits, landlines as
 * trunk 0, area code and number, whatever the +86 / 0086 prefix, separators or full-width digits.
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
        // No number dialled within China starts with 8 (mobiles start with 1, landlines with the
        // trunk 0), so a leading 86 on anything longer than a local number is the country code.
        boolean international = d.startsWith("0086") || d.startsWith("86") && d.length() >= 11;
        if (international) {
            d = d.substring(d.startsWith("0086") ? 4 : 2);
        }
        if (d.matches("1[3-9]\\d{9}")) {
            return d;
        }
        // Dialled from abroad a landline drops its trunk 0 (+86 10 8765 4321 is 010 8765 4321),
        // unless the clerk kept it in brackets: +86 (0)21 ...
        if (international && !d.startsWith("0")) {
            d = "0" + d;
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
