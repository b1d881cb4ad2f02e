package org.retentionwarehouse.ingest.normalize;

import java.text.Normalizer;
import java.util.Locale;

/** Person and company names folded to one comparable form. */
public final class Names {

    private Names() {
    }

    /**
     * Width-folded (NFKC), trimmed; inner white space removed from Chinese names (where spacing is
     * typing noise) and collapsed to one space elsewhere; Latin letters upper-cased.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        if (folded.isEmpty()) {
            return null;
        }
        boolean chinese = folded.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        String spaced = chinese ? folded.replaceAll("\\s+", "") : folded.replaceAll("\\s+", " ");
        return spaced.toUpperCase(Locale.ROOT);
    }
}
