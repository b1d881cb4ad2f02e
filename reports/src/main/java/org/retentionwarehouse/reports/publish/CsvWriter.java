package org.retentionwarehouse.reports.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;

/** CSV in UTF-8 with a byte-order mark, which Excel needs to show Chinese text correctly. */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void write(Path file, List<String> header, List<Row> rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write(line(header.toArray()));
            for (Row row : rows) {
                Object[] values = new Object[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(i);
                }
                out.write(line(values));
            }
        }
    }

    private static String line(Object[] values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String text = values[i] == null ? "" : values[i].toString();
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
                // A leading formula character would make Excel evaluate the cell; keep it text.
                text = "'" + text;
            }
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            line.append(text);
        }
        return line.append("\r\n").toString();
    }
}
