package org.retentionwarehouse.scoring.clv;

import java.util.Objects;

/**
 * A column of a delimited file, chosen either by its header name (matched ignoring case) or by
 * its 1-based position.
 *
 * @param name  the header name, or {@code null} when chosen by position
 * @param index the 1-based position, or 0 when chosen by name
 */
public record ColumnRef(String name, int index) {

    public ColumnRef {
        if ((name == null) == (index == 0)) {
            throw new IllegalArgumentException("a column is chosen by a name or by a 1-based index, exactly one");
        }
        if (index < 0 || name != null && name.isBlank()) {
            throw new IllegalArgumentException("bad column: name '" + name + "', index " + index);
        }
    }

    public static ColumnRef byName(String name) {
        return new ColumnRef(Objects.requireNonNull(name, "name").trim(), 0);
    }

    public static ColumnRef byIndex(int oneBasedIndex) {
        if (oneBasedIndex < 1) {
            throw new IllegalArgumentException("column indexes start at 1, not " + oneBasedIndex);
        }
        return new ColumnRef(null, oneBasedIndex);
    }

    /** A command-line column: all digits is a 1-based index, anything else a header name. */
    public static ColumnRef parse(String text) {
        String trimmed = text.trim();
        return !trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)
                ? byIndex(Integer.parseInt(trimmed))
                : byName(trimmed);
    }

    public boolean isByName() {
        return name != null;
    }

    @Override
    public String toString() {
        return isByName() ? "'" + name + "'" : "#" + index;
    }
}
