package org.retentionwarehouse.simulator.dialect;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.retentionwarehouse.simulator.model.Entity;

/**
 * How a dialect lays out one entity: file name pattern, optional JSON array it is nested in, and
 * its columns in the dialect's order.
 *
 * @param entity      the entity
 * @param filePattern file name with {@code {date}} for the business date (yyyyMMdd)
 * @param array       JSON array in the parent's lines holding these records, or {@code null}
 * @param columns     columns in the order the dialect lists them
 */
public record EntityLayout(Entity entity, String filePattern, String array, List<ColumnLayout> columns) {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** The file name for a business date. */
    public String fileName(LocalDate businessDate) {
        return filePattern.replace("{date}", FILE_DATE.format(businessDate));
    }

    /** True when the records live inside another entity's lines. */
    public boolean nested() {
        return array != null;
    }

    /** The column for a canonical name. */
    public ColumnLayout column(String canonical) {
        for (ColumnLayout c : columns) {
            if (c.canonical().equals(canonical)) {
                return c;
            }
        }
        throw new IllegalArgumentException(entity.key() + " has no column " + canonical);
    }
}
