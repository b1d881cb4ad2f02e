package org.retentionwarehouse.ingest.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Customer keys: derived from the source record that anchors the customer, so never from load order. */
final class CustomerKeys {

    private CustomerKeys() {
    }

    static String of(String storeId, String sourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((storeId + "/" + sourceId).getBytes(StandardCharsets.UTF_8));
            return "C" + HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT).substring(0, 15);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
