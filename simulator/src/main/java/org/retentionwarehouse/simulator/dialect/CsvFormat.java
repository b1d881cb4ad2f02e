package org.retentionwarehouse.simulator.dialect;

/** Joins CSV cells, quoting a cell only when it contains the delimiter or the quote. */
public final class CsvFormat {

    private CsvFormat() {
    }

    /** One line (without line end). */
    public static String join(String[] cells, char delimiter, char quote) {
        StringBuilder out = new StringBuilder(64 + cells.length * 16);
        String quoteText = String.valueOf(quote);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String cell = cells[i];
            if (cell.indexOf(delimiter) >= 0 || cell.indexOf(quote) >= 0) {
                out.append(quote).append(cell.replace(quoteText, quoteText + quoteText)).append(quote);
            } else {
                out.append(cell);
            }
        }
        return out.toString();
    }
}
