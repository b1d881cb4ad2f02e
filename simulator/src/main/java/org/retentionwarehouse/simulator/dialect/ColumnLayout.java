package org.retentionwarehouse.simulator.dialect;

import java.util.Map;
import java.util.Set;

/**
 * Where one canonical column goes in a dialect: its source header or JSON path and, for coded
 * columns, how canonical codes translate to the source system's codes.
 *
 * @param canonical   canonical column name
 * @param index       position of the column in the entity's canonical order
 * @param source      CSV header or dotted JSON path ({@code ^.} = field of the enclosing line)
 * @param toSource    canonical code to source code, empty when the column is not coded
 * @param sourceCodes every source code the dialect knows for this column
 */
public record ColumnLayout(String canonical, int index, String source, Map<String, String> toSource,
        Set<String> sourceCodes) {

    /** True when the value is taken from the enclosing line (JSON {@code ^.} paths). */
    public boolean fromParent() {
        return source.startsWith("^.");
    }
}
