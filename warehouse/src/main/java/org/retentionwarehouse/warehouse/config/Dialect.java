package org.retentionwarehouse.warehouse.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One DMS export layout: file format, encoding, how dates, numbers and booleans are written, and
 * where each canonical entity sits. Declared in {@code stores.yaml}, so a new layout is a
 * configuration change.
 */
public record Dialect(String vendor, String format, String encoding, String delimiter, String quote,
                      String dateFormat, String decimalSeparator, String groupingSeparator,
                      List<String> trueValues, List<String> falseValues, Map<String, EntityLayout> entities)
        implements Serializable {

    public static final String CSV = "csv";
    public static final String JSONL = "jsonl";

    public Dialect {
        delimiter = delimiter == null ? "," : delimiter;
        quote = quote == null ? "\"" : quote;
        decimalSeparator = decimalSeparator == null ? "." : decimalSeparator;
        groupingSeparator = groupingSeparator == null ? "" : groupingSeparator;
        trueValues = trueValues == null ? List.of("true") : List.copyOf(trueValues);
        falseValues = falseValues == null ? List.of("false") : List.copyOf(falseValues);
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }
}
