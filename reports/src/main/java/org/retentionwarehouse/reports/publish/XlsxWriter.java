package org.retentionwarehouse.reports.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One-sheet XLSX workbook (fastexcel, streaming, no Apache POI). Numbers and dates are written as
 * typed cells so Excel can sort and filter them; text is always a plain string cell, never a
 * formula, so a name starting with {@code =} stays text.
 */
public final class XlsxWriter {

    private XlsxWriter() {
    }

    public static void write(Path file, String sheet, List<String> header, List<Row> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "RetentionWarehouse", "1.0");
            Worksheet ws = workbook.newWorksheet(sheet);
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
            }
            if (!header.isEmpty()) {
                ws.range(0, 0, 0, header.size() - 1).style().bold().set();
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    cell(ws, r + 1, c, row.get(c));
                }
            }
            ws.freezePane(0, 1);
            workbook.finish();
        }
    }

    private static void cell(Worksheet ws, int r, int c, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number n) {
            ws.value(r, c, n instanceof BigDecimal ? n : n.doubleValue());
        } else if (value instanceof java.sql.Date d) {
            ws.value(r, c, d.toLocalDate());
            ws.style(r, c).format("yyyy-mm-dd").set();
        } else {
            ws.value(r, c, value.toString());
        }
    }
}
