package org.retentionwarehouse.simulator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A record in canonical form ready to render in any dialect: entity, column values in canonical
 * order, and nested items (the lines of a repair order).
 */
public record CanonicalRecord(Entity entity, Object[] values, List<CanonicalRecord> items) {

    /** A record without items. */
    public static CanonicalRecord of(ExtractRow row) {
        return new CanonicalRecord(row.entity(), row.values(), List.of());
    }

    /** A record with nested items. */
    public static CanonicalRecord of(ExtractRow row, List<? extends ExtractRow> items) {
        List<CanonicalRecord> nested = new ArrayList<>(items.size());
        for (ExtractRow item : items) {
            nested.add(of(item));
        }
        return new CanonicalRecord(row.entity(), row.values(), List.copyOf(nested));
    }

    /** Value of a canonical column. */
    public Object get(String column) {
        return values[index(column)];
    }

    /** A copy with one column replaced. */
    public CanonicalRecord with(String column, Object value) {
        return with(index(column), value);
    }

    /** A copy with the column at a canonical position replaced. */
    public CanonicalRecord with(int column, Object value) {
        Object[] copy = values.clone();
        copy[column] = value;
        return new CanonicalRecord(entity, copy, items);
    }

    /** A copy with other items. */
    public CanonicalRecord withItems(List<CanonicalRecord> newItems) {
        return new CanonicalRecord(entity, values, List.copyOf(newItems));
    }

    private int index(String column) {
        int i = entity.columnIndex(column);
        if (i < 0) {
            throw new IllegalArgumentException(entity.key() + " has no column " + column);
        }
        return i;
    }
}
