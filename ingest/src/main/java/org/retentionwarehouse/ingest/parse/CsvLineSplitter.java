package org.retentionwarehouse.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (one physical line: the extracts never embed line breaks) into fields,
 * honouring quotes so that {@code "1,234.50"} stays one field and {@code ""} is a quote.
 */
final class CsvLineSplitter {

    private final char delimiter;
    private final char quote;

    CsvLineSplitter(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == quote && field.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
