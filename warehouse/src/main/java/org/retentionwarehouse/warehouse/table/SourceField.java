package org.retentionwarehouse.warehouse.table;

import java.io.Serializable;
import java.util.Set;

/**
 * One canonical column of a source entity.
 *
 * @param codes the canonical codes allowed for a {@link FieldType#CODE} field, empty otherwise
 */
public record SourceField(String name, FieldType type, boolean required, Set<String> codes) implements Serializable {

    static SourceField required(String name, FieldType type) {
        return new SourceField(name, type, true, Set.of());
    }

    static SourceField optional(String name, FieldType type) {
        return new SourceField(name, type, false, Set.of());
    }

    static SourceField code(String name, boolean required, String... codes) {
        return new SourceField(name, FieldType.CODE, required, Set.of(codes));
    }
}
