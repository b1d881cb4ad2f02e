package org.retentionwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    @Test
    void demoMatchesTheDocumentedDataSet() {
        SimulationSettings demo = SimulationSettings.demo(3);

        assertThat(demo.stores()).isEqualTo(5);
        assertThat(demo.customers()).isEqualTo(3000);
        assertThat(demo.firstNight()).isEqualTo(FIRST);
        assertThat(demo.historyStart()).isEqualTo(FIRST.minusYears(3));
        assertThat(demo.lastNight()).isEqualTo(FIRST.plusDays(3));
        assertThat(demo.cutoffs()).containsExactly(FIRST.plusDays(3).minusDays(365), FIRST.plusDays(3));
        assertThat(demo.churnReplicates()).isEqualTo(64);
        assertThat(demo.badRowRate()).isEqualTo(0.01);
        assertThat(demo.lateRate()).isEqualTo(0.1);
    }

    @Test
    void rejectsInvalidSettingsWithClearMessages() {
        assertThatThrownBy(() -> settings(0, 3000, FIRST.minusYears(3), 3, List.of(FIRST)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stores must be between 1 and 999");
        assertThatThrownBy(() -> settings(5, 10, FIRST.minusYears(3), 3, List.of(FIRST)))
                .hasMessageContaining("customers must be between 50");
        assertThatThrownBy(() -> settings(5, 3000, FIRST.minusMonths(6), 3, List.of(FIRST)))
                .hasMessageContaining("at least one year before firstNight");
        assertThatThrownBy(() -> settings(5, 3000, FIRST.minusYears(3), 3, List.of(FIRST.plusDays(4))))
                .hasMessageContaining("is after the last night");
        assertThatThrownBy(() -> settings(5, 3000, FIRST.minusYears(3), 3, List.of(FIRST, FIRST)))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new SimulationSettings(1, 5, 3000, FIRST.minusYears(3), FIRST, 3, 0.5, 0.1,
                List.of(FIRST), 64)).hasMessageContaining("badRowRate");
    }

    private static SimulationSettings settings(int stores, int customers, LocalDate historyStart, int nights,
            List<LocalDate> cutoffs) {
        return new SimulationSettings(1, stores, customers, historyStart, FIRST, nights, 0.01, 0.1, cutoffs, 64);
    }
}
