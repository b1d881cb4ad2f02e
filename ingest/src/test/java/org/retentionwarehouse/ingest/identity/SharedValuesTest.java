package org.retentionwarehouse.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Equal values come back as one instance, and every value comes back equal to what was given. */
class SharedValuesTest {

    @Test
    void equalStringsAreOneInstance() {
        SharedValues shared = new SharedValues();
        String first = new String("杭州");
        String second = new String("杭州");
        assertThat(shared.of(first)).isSameAs(first);
        assertThat(shared.of(second)).isSameAs(first);
        assertThat(shared.of(new String("宁波"))).isEqualTo("宁波").isNotSameAs(first);
        assertThat(shared.of(null)).isNull();
    }

    @Test
    void stringsWhoseHashesCollideStayThemselves() {
        SharedValues shared = new SharedValues(text -> 42L);
        String first = new String("王伟");
        assertThat(shared.of(first)).isSameAs(first);
        assertThat(shared.of(new String("李娜"))).isEqualTo("李娜");
        assertThat(shared.of(new String("王伟"))).isSameAs(first);
    }

    @Test
    void daysAreOneInstanceEachAndRightAtTheEdges() {
        SharedValues shared = new SharedValues();
        for (LocalDate day : new LocalDate[] {LocalDate.of(1899, 12, 31), LocalDate.of(1900, 1, 1), LocalDate.of(1970, 1, 1),
                LocalDate.of(2026, 11, 2), LocalDate.of(2099, 12, 31), LocalDate.of(2100, 1, 1), LocalDate.of(1800, 6, 1)}) {
            int epochDay = (int) day.toEpochDay();
            assertThat(shared.day(epochDay)).isEqualTo(day);
        }
        assertThat(shared.day(20_000)).isSameAs(shared.day(20_000));
        assertThat(shared.day((int) LocalDate.of(2099, 12, 31).toEpochDay()))
                .isSameAs(shared.day((int) LocalDate.of(2099, 12, 31).toEpochDay()));
    }
}
