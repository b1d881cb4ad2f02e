package org.retentionwarehouse.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.Store;
import org.retentionwarehouse.warehouse.config.StoreRegistry;

/** A store that has not delivered yet against an inbox that is not there at all. */
class DeliveryFinderTest {

    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 5);
    private final StoreRegistry registry = new StoreRegistry(
            List.of(new Store("S01", "一店", "杭州", "x", 10, "tiny"), new Store("S02", "二店", "杭州", "x", 10, "tiny")), Map.of());

    @Test
    void aMissingInboxStopsTheNightInsteadOfPublishingAnEmptyOne(@TempDir Path root) {
        DeliveryFinder finder = new DeliveryFinder(new DataHome(root), registry, "");
        assertThatThrownBy(() -> finder.find(NIGHT)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(root.resolve("inbox").toString()).hasMessageContaining("not there");
        assertThatThrownBy(() -> finder.delivered("S01", NIGHT)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aStoreWithoutItsFolderIsADeliveryStillToCome(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("inbox/S01").resolve(NIGHT.minusDays(1).toString()));
        Delivery delivery = new DeliveryFinder(new DataHome(root), registry, "").find(NIGHT);
        assertThat(delivery.missingStores()).containsExactly("S01", "S02");
        assertThat(delivery.files()).isEmpty();
        assertThat(new DeliveryFinder(new DataHome(root), registry, "").delivered("S02", NIGHT)).isFalse();
    }
}
