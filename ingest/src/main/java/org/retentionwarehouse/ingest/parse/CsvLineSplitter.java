package org.retentionwarehouse.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record into fields, honouring quotes so that {@code "1,234.50"} stays one field,
 * {@code ""} is a quote, and a quoted field may hold a line break (a record then spans several
 * physical lines, joined by {@code \n}).
 */
final class CsvLineSplitter {

    private final char delimiter;
    private final char quote;

    CsvLineSplitter(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** A record's fields, and whether it ended inside a quoted field (so the record goes on in the next line). */
    record Split(List<String> fields, boolean open) {
    }

    List<String> split(String record) {
        return scan(record).fields();
    }

    /** Reads {@code text} field by field. */
    Split scan(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == quote && fieldStart) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            } else {
                field.append(c);
            }
            fieldStart = false;
        }
        fields.add(field.toString());
        return new Split(fields, quoted);
    }
}
