package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.retentionwarehouse.ingest.normalize.Phones;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * Links every source customer record to one {@code customer_key} per person, incrementally: a
 * record keeps the key it was given on an earlier night; records linked to it join that key; a
 * new person gets a key derived from their first record, so it never depends on load order.
 *
 * <p>Deterministic rules only: the same hashed ID number, or the same mobile number with the same
 * normalized name and customer type. Requiring the name keeps a family's shared phone, a fleet
 * contact's phone and a reassigned number apart; requiring the phone keeps namesakes apart.
 */
public final class IdentityResolver {

    static final String RULE_ID = "id_number";
    static final String RULE_PHONE_NAME = "mobile_and_name";
    static final String RULE_SINGLE = "single_record";

    private final SparkSession spark;

    public IdentityResolver(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What changed in the cross-reference tonight.
     *
     * @param changed      new or changed {@code core.customer_xref} rows
     * @param affectedKeys customer keys whose set of records changed (old and new keys of changed rows)
     * @param vanishedKeys keys no record carries any more (their customers were merged into another)
     */
    public record Resolution(Dataset<Row> changed, Set<String> affectedKeys, Set<String> vanishedKeys) { }

    /**
     * @param customers every {@code staging.customer} row
     * @param existing  the current {@code core.customer_xref}
     */
    public Resolution resolve(Dataset<Row> customers, Dataset<Row> existing) {
        List<Row> records = customers.select(col("store_id"), col("source_id"), col("name"), col("phone"),
                        col("id_hash"), col("customer_type"), col("company_name"), col("created_date"), col("batch_date"))
                .orderBy("store_id", "source_id").collectAsList();
        Map<String, Row> known = new HashMap<>();
        for (Row x : existing.collectAsList()) {
            known.put(x.getString(0) + "\u0000" + x.getString(1), x);
        }
        int n = records.size();
        UnionFind sets = new UnionFind(n);
        String[] rule = new String[n];
        link(records, sets, rule, r -> r.getString(4), RULE_ID);
        link(records, sets, rule, r -> Phones.isMobile(r.getString(3))
                ? r.getString(3) + "\u0000" + r.getString(2) + "\u0000" + r.getString(5) : null, RULE_PHONE_NAME);

        Map<Integer, List<Integer>> clusters = new HashMap<>();
        for (int i = 0; i < n; i++) {
            clusters.computeIfAbsent(sets.find(i), k -> new ArrayList<>()).add(i);
        }
        List<Row> changed = new ArrayList<>();
        Set<String> affected = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (List<Integer> members : clusters.values()) {
            String key = clusterKey(records, members, known);
            used.add(key);
            for (int i : members) {
                Row r = records.get(i);
                Row before = known.get(r.getString(0) + "\u0000" + r.getString(1));
                Date firstSeen = before != null ? before.getDate(5) : r.getDate(8);
                Row after = RowFactory.create(r.getString(0), r.getString(1), key,
                        rule[i] == null ? RULE_SINGLE : rule[i], 1.0, firstSeen);
                if (!after.equals(before)) {
                    changed.add(after);
                    affected.add(key);
                    if (before != null) {
                        affected.add(before.getString(2));
                    }
                }
            }
        }
        Set<String> vanished = new HashSet<>();
        known.values().forEach(x -> vanished.add(x.getString(2)));
        vanished.removeAll(used);
        return new Resolution(spark.createDataFrame(changed, Tables.CUSTOMER_XREF.schema()), affected, vanished);
    }

    private static void link(List<Row> records, UnionFind sets, String[] rule, Function<Row, String> blockKey, String name) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String key = blockKey.apply(records.get(i));
            if (key == null) {
                continue;
            }
            Integer other = first.putIfAbsent(key, i);
            if (other != null) {
                sets.union(other, i);
                rule[i] = rule[i] == null ? name : rule[i];
                rule[other] = rule[other] == null ? name : rule[other];
            }
        }
    }

    /** The oldest key already given to a member, else a key derived from the cluster's first record. */
    private static String clusterKey(List<Row> records, List<Integer> members, Map<String, Row> known) {
        Row oldest = null;
        for (int i : members) {
            Row r = records.get(i);
            Row before = known.get(r.getString(0) + "\u0000" + r.getString(1));
            if (before != null && (oldest == null || before.getDate(5).before(oldest.getDate(5))
                    || before.getDate(5).equals(oldest.getDate(5)) && before.getString(2).compareTo(oldest.getString(2)) < 0)) {
                oldest = before;
            }
        }
        if (oldest != null) {
            return oldest.getString(2);
        }
        Row anchor = members.stream().map(records::get)
                .min(Comparator.<Row, Date>comparing(r -> r.getDate(7)).thenComparing(r -> r.getString(0))
                        .thenComparing(r -> r.getString(1)))
                .orElseThrow();
        return "C" + sha256(anchor.getString(0) + "/" + anchor.getString(1)).substring(0, 15);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
