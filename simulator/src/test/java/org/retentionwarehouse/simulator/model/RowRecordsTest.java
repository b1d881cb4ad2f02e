package org.retentionwarehouse.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Each row record lists its values in component order, which is the canonical column order. */
class RowRecordsTest {

    @Test
    void valuesFollowTheComponentOrder() throws Exception {
        for (Entity entity : Entity.values()) {
            RecordComponent[] components = entity.rowType().getRecordComponents();
            Object[] arguments = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                arguments[i] = sample(types[i], i);
            }
            Constructor<? extends Record> constructor = entity.rowType().getDeclaredConstructor(types);
            ExtractRow row = (ExtractRow) constructor.newInstance(arguments);

            assertThat(row.entity()).isEqualTo(entity);
            assertThat(row.values()).as(entity.key()).containsExactly(arguments);
            assertThat(entity.columns()).hasSize(components.length);
        }
        assertThat(Entity.SERVICE_ORDER.columns()).startsWith("order_id", "customer_source_id", "vin", "open_date");
    }

    private static Object sample(Class<?> type, int i) {
        if (type == String.class) {
            return "v" + i;
        }
        if (type == Integer.class) {
            return i;
        }
        if (type == Boolean.class) {
            return i % 2 == 0;
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2020, 1, 1 + i);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(2020, 1, 1 + i, 0, 0);
        }
        if (type == Money.class) {
            return new Money(i);
        }
        if (type == BigDecimal.class) {
            return BigDecimal.valueOf(i);
        }
        return type.getEnumConstants()[i % type.getEnumConstants().length];
    }
}
