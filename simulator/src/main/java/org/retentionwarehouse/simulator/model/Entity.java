package org.retentionwarehouse.simulator.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The extract entities. Each entity's canonical columns are the component names of its row record
 * in snake_case, so the row records are the single Java definition of the canonical columns.
 */
public enum Entity {
    CUSTOMER(CustomerRow.class),
    VEHICLE(VehicleRow.class),
    SALE(SaleRow.class),
    SERVICE_ORDER(ServiceOrderRow.class),
    SERVICE_LINE(ServiceLineRow.class),
    INTERACTION(InteractionRow.class),
    LEAD(LeadRow.class);

    private final Class<? extends Record> rowType;
    private final List<String> columns;

    Entity(Class<? extends Record> rowType) {
        this.rowType = rowType;
        this.columns = Arrays.stream(rowType.getRecordComponents()).map(c -> snakeCase(c.getName())).toList();
    }

    /** The entity's name as the dialect configuration spells it ({@code service_order}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Canonical column names in order. */
    public List<String> columns() {
        return columns;
    }

    /** Position of a canonical column, or -1. */
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    /** The record type whose components define the columns. */
    public Class<? extends Record> rowType() {
        return rowType;
    }

    private static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
