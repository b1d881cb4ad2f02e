package org.retentionwarehouse.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The fold reads a partition sorted by the key's hash, not by the key: two customers who share a
 * hash still get their own features, whatever the order of their rows.
 */
class FoldTest {

    private static final LocalDate T = LocalDate.of(2026, 6, 30);
    private static final long SHARED_HASH = 42L;
    private final FeatureBuilder.Fold fold = new FeatureBuilder.Fold(
            List.of(CustomerHistory.Snapshot.of(T, 24, StoreSurveyMeans.of(List.of()))));

    @Test
    void customersSharingAHashAreFoldedApartEvenWhenTheirRowsInterleave() {
        List<Row> first = customer("CA", "S1", "V1", 3);
        List<Row> second = customer("CB", "S2", "V2", 1);
        List<Row> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < second.size()) {
                interleaved.add(second.get(i));
            }
            if (i < first.size()) {
                interleaved.add(first.get(i));
            }
        }
        List<Row> apart = new ArrayList<>(folded(first));
        apart.addAll(folded(second));

        List<Row> together = folded(interleaved);

        assertThat(together).hasSize(2).containsExactlyInAnyOrderElementsOf(apart);
        assertThat(together).extracting(r -> r.getString(1)).containsExactlyInAnyOrder("CA", "CB");
        assertThat(apart.get(0)).isNotEqualTo(apart.get(1));
    }

    @Test
    void aCustomerAfterTheSharedHashIsFoldedOnItsOwn() {
        List<Row> rows = new ArrayList<>(customer("CA", "S1", "V1", 3));
        rows.addAll(customer("CB", "S2", "V2", 1));
        List<Row> other = customer("CC", "S1", "V3", 2).stream().map(r -> withHash(r, SHARED_HASH + 1)).toList();
        rows.addAll(other);

        assertThat(folded(rows)).extracting(r -> r.getString(1)).containsExactly("CA", "CB", "CC");
        assertThat(folded(rows).get(2)).isEqualTo(folded(other).get(0));
    }

    private List<Row> folded(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        Iterator<Row> it = fold.call(rows.iterator());
        it.forEachRemaining(out::add);
        return out;
    }

    /** A profile, a purchase and {@code visits} services of one car, all with the shared hash. */
    private static List<Row> customer(String key, String store, String vin, int visits) {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(key, CustomerEvents.PROFILE, null, null, null, null, null, null, null, null, null,
                null, null, null, null, false, null, "regular", "private", null, SHARED_HASH));
        rows.add(RowFactory.create(key, CustomerEvents.SALE, day(T.minusDays(800)), store, vin, 15_000_000L, null,
                CustomerEvents.OTHER, null, null, null, day(T.minusDays(800)), 2024, null, null, null, null, null, null, null,
                SHARED_HASH));
        for (int i = 0; i < visits; i++) {
            rows.add(RowFactory.create(key, CustomerEvents.SERVICE, day(T.minusDays(600 - 150L * i)), store, vin, 50_000L,
                    5_000 * (i + 1), CustomerEvents.MAINTENANCE, null, null, null, day(T.minusDays(800)), 2024, null, null,
                    null, null, null, null, null, SHARED_HASH));
        }
        return rows;
    }

    private static Row withHash(Row row, long hash) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        values[CustomerEvents.KEY_HASH] = hash;
        return RowFactory.create(values);
    }

    private static int day(LocalDate date) {
        return (int) date.toEpochDay();
    }
}
