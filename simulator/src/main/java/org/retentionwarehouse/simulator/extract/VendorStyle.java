package org.retentionwarehouse.simulator.extract;

import java.util.Map;
import org.retentionwarehouse.simulator.model.SourceSystem;

/**
 * What each vendor's system does that the dialect contract does not describe: the shape of its
 * record numbers and how it writes plates. Different shapes per vendor keep source ids of one person
 * unrelated across stores.
 */
public enum VendorStyle {
    /** AlphaDMS: letter prefixes and zero-padded decimals; plates with a middle dot (浙A·12345). */
    ALPHA("alpha_csv", Map.of(SourceSystem.SALES, "SA", SourceSystem.SERVICE, "SV", SourceSystem.CRM, "CR"),
            "SO", "RO", "AC", "LD", "·", false),
    /** BetaDMS: pinyin-initial prefixes; plates written solid (浙A12345). */
    BETA("beta_gbk", Map.of(SourceSystem.SALES, "XS", SourceSystem.SERVICE, "SH", SourceSystem.CRM, "KF"),
            "XSD", "WX", "HD", "XT", "", false),
    /** GammaCloud: lower-case hex keys with type prefixes; plates with a space (浙A 12345). */
    GAMMA("gamma_jsonl", Map.of(SourceSystem.SALES, "c1_", SourceSystem.SERVICE, "c2_", SourceSystem.CRM, "c3_"),
            "dl_", "ro_", "ev_", "ld_", " ", true);

    /** Kinds of document numbers. */
    public enum Document { SALE, REPAIR_ORDER, INTERACTION, LEAD }

    private final String dialect;
    private final Map<SourceSystem, String> customerPrefixes;
    private final Map<Document, String> documentPrefixes;
    private final String plateSeparator;
    private final boolean hex;

    VendorStyle(String dialect, Map<SourceSystem, String> customerPrefixes, String sale, String repairOrder,
            String interaction, String lead, String plateSeparator, boolean hex) {
        this.dialect = dialect;
        this.customerPrefixes = customerPrefixes;
        this.documentPrefixes = Map.of(Document.SALE, sale, Document.REPAIR_ORDER, repairOrder,
                Document.INTERACTION, interaction, Document.LEAD, lead);
        this.plateSeparator = plateSeparator;
        this.hex = hex;
    }

    /** The style of a dialect; dialects unknown to the simulator borrow a style by position. */
    public static VendorStyle forDialect(String dialect, int position) {
        for (VendorStyle style : values()) {
            if (style.dialect.equals(dialect)) {
                return style;
            }
        }
        return values()[position % values().length];
    }

    /** Customer number {@code n} (below 2^22) of a department system. */
    String customerId(SourceSystem system, long n) {
        return customerPrefixes.get(system) + (hex ? pad(Long.toHexString(n), 6) : pad(Long.toString(n), 7));
    }

    /** Document number {@code n} (below 2^34). */
    String documentId(Document document, long n) {
        return documentPrefixes.get(document) + (hex ? pad(Long.toHexString(n), 9) : pad(Long.toString(n), 11));
    }

    /** A plate in this vendor's spelling. */
    String plate(String province, char letter, String tail) {
        return province + letter + plateSeparator + tail;
    }

    private static String pad(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
