package org.retentionwarehouse.simulator;

import java.util.ArrayList;
import java.util.List;

/** Quote-aware splitting of one CSV line, as an ingest would do it. */
final class CsvLines {

    private CsvLines() {
    }

    static List<String> split(String line, char delimiter, char quote) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    cell.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == quote) {
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
