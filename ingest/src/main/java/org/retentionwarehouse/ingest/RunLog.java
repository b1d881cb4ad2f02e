package org.retentionwarehouse.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.retentionwarehouse.ingest.delivery.Delivery;
import org.retentionwarehouse.ingest.identity.IdentityResolver;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * The ingest step's rows of {@code marts.run_log}: per store and entity, the stores that delivered
 * nothing or files that match no pattern, and the identity figures for the group.
 */
final class RunLog {

    private static final String ALL = "all";

    /** Rows of one store and entity quarantined for one reason tonight. */
    record Quarantined(String storeId, String entity, String reason, long rows) { }

    /**
     * Rows of one store and entity loaded tonight that refer to what no loaded record describes yet
     * ({@code metric}: {@link Tables#RUN_LOG_UNKNOWN_VEHICLE}, {@link Tables#RUN_LOG_UNKNOWN_CUSTOMER}).
     */
    record Unreferenced(String metric, String storeId, String entity, long rows) { }

    private RunLog() {
    }

    /**
     * @param unreferenced    per store and entity, tonight's rows for a vehicle or a customer no loaded record describes
     * @param delivery        tonight's delivery: the stores without one, and the files no pattern matches
     *                        ({@code store/date/name}), which load nothing and must not go unnoticed
     */
    static List<Row> rows(LocalDate date, List<IngestSummary.FileCount> counts, List<Quarantined> reasons,
                          List<Unreferenced> unreferenced, Delivery delivery, IdentityResolver.Statistics identity) {
        Date d = Date.valueOf(date);
        // Per store and entity: a store's delivery can hold several files of one entity (a late one, a split one).
        Map<List<String>, long[]> perStoreEntity = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        for (IngestSummary.FileCount c : counts) {
            long[] sums = perStoreEntity.computeIfAbsent(List.of(c.storeId(), c.entity()), k -> new long[3]);
            sums[0] += c.read();
            sums[1] += c.loaded();
            sums[2] += c.quarantined();
        }
        List<Row> rows = new ArrayList<>();
        perStoreEntity.forEach((storeEntity, sums) -> {
            String store = storeEntity.get(0);
            String entity = storeEntity.get(1);
            for (int i = 0; i < sums.length; i++) {
                rows.add(RowFactory.create(d, Tables.RUN_LOG_INGEST, Tables.RUN_LOG_ROW_COUNTS.get(i), store, entity, sums[i]));
            }
        });
        for (Quarantined q : reasons) {
            rows.add(RowFactory.create(d, Tables.RUN_LOG_INGEST, Tables.RUN_LOG_QUARANTINED + q.reason(), q.storeId(),
                    q.entity(), q.rows()));
        }
        unreferenced.forEach(u -> rows.add(RowFactory.create(d, Tables.RUN_LOG_INGEST, u.metric(), u.storeId(), u.entity(), u.rows())));
        delivery.missingStores().forEach(store -> rows.add(RowFactory.create(d, Tables.RUN_LOG_INGEST, Tables.RUN_LOG_NO_DELIVERY,
                store, ALL, 1L)));
        Map<String, Long> unmatched = new TreeMap<>();
        delivery.unknownFiles().forEach(file -> unmatched.merge(file.substring(0, file.indexOf('/')), 1L, Long::sum));
        unmatched.forEach((store, files) -> rows.add(RowFactory.create(d, Tables.RUN_LOG_INGEST, Tables.RUN_LOG_UNMATCHED_FILES,
                store, ALL, files)));
        Map<String, Long> figures = new TreeMap<>();
        figures.put("records", identity.records());
        figures.put("customers", identity.customers());
        figures.put("candidate_pairs", identity.candidatePairs());
        figures.put("linked_pairs", identity.linkedPairs());
        figures.put("links_refused_by_guards", identity.refusedLinks());
        figures.put("oversized_blocks_skipped", (long) identity.skippedBlocks());
        identity.recordsByRule().forEach((rule, n) -> figures.put("records_by_rule_" + rule, n));
        figures.forEach((metric, value) ->
                rows.add(RowFactory.create(d, Tables.RUN_LOG_IDENTITY, metric, Tables.GROUP, ALL, value)));
        return rows;
    }
}
