package org.retentionwarehouse.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chinese resident ID numbers (GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character; the
 * first generation's 15 digits are brought to that form).
 * They are never stored: only a keyed HMAC-SHA256, so equal numbers still match across stores.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumbers() {
    }

    /**
     * The 18-character number in canonical form when valid, else {@code null}. A first-generation
     * 15-digit number (issued until 2004, still on old records) is the same person's 18-character
     * number with the century of the birth year left out and no check character: it is brought to
     * that form, so the two match.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String id = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (id.matches("\\d{6}\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}")) {
            String first17 = id.substring(0, 6) + "19" + id.substring(6);
            return first17 + CHECK[checksum(first17)];
        }
        if (!id.matches("\\d{17}[\\dX]")) {
            return null;
        }
        return CHECK[checksum(id)] == id.charAt(17) ? id : null;
    }

    /** The MOD 11-2 sum of the first 17 digits, modulo 11. */
    private static int checksum(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return sum % 11;
    }

    /** Keyed hash of a canonical ID number, hex encoded. */
    public static String hash(String canonicalId, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonicalId.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
