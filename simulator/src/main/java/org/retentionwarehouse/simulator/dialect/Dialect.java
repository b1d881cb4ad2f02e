package org.retentionwarehouse.simulator.dialect;

import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.retentionwarehouse.simulator.model.Entity;

/**
 * One store system's export layout, as configured in {@code dialects.yaml}.
 *
 * @param name              configuration key, e.g. {@code beta_gbk}
 * @param vendor            human description
 * @param format            CSV or JSON Lines
 * @param charset           file encoding
 * @param delimiter         CSV field delimiter
 * @param quote             CSV quote character
 * @param datePattern       java.time pattern for every date field
 * @param dateFormat        the compiled pattern
 * @param decimalSeparator  decimal separator of amounts
 * @param groupingSeparator thousands separator of amounts (may be empty)
 * @param trueValue         how {@code true} is written
 * @param falseValue        how {@code false} is written
 * @param layouts           layout of every entity
 */
public record Dialect(String name, String vendor, Format format, Charset charset, char delimiter, char quote,
        String datePattern, DateTimeFormatter dateFormat, String decimalSeparator, String groupingSeparator,
        String trueValue, String falseValue, Map<Entity, EntityLayout> layouts) {

    /** File formats a dialect can use. */
    public enum Format { CSV, JSONL }

    /** Layout of an entity. */
    public EntityLayout layout(Entity entity) {
        return layouts.get(entity);
    }

    /** Entities that own a file, in canonical order (nested entities live in their parent's file). */
    public List<Entity> fileEntities() {
        List<Entity> owners = new ArrayList<>();
        for (Entity e : Entity.values()) {
            if (!layout(e).nested()) {
                owners.add(e);
            }
        }
        return owners;
    }

    /** The entity nested inside {@code parent}'s lines, or {@code null}. */
    public Entity nestedIn(Entity parent) {
        String parentFile = layout(parent).filePattern();
        for (Entity e : Entity.values()) {
            if (layout(e).nested() && layout(e).filePattern().equals(parentFile)) {
                return e;
            }
        }
        return null;
    }
}
