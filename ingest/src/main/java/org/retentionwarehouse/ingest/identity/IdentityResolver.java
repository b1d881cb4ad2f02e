package org.retentionwarehouse.ingest.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_date;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.ingest.linkage.FellegiSunter;
import org.retentionwarehouse.ingest.normalize.NameSounds;
import org.retentionwarehouse.ingest.normalize.Phones;
import org.retentionwarehouse.warehouse.spark.DriverRows;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links every source customer record to one {@code customer_key} per person. Each night it clusters
 * all records afresh from all evidence, so the result never depends on the order dates were loaded in:
 * <ol>
 *   <li>deterministic rules: the same hashed ID number; the same mobile number with a same-sounding
 *       name (pinyin, so the input method's homophone typos still match) and the same customer type;
 *       a shared transaction (the same VIN's owner chain across sales, vehicles and service orders, or
 *       a CRM contact about a service order) with a same-sounding name and the same customer type;</li>
 *   <li>a Fellegi-Sunter model over blocked candidate pairs ({@link CandidatePairs}), its m and u
 *       probabilities estimated by EM each night, comparing name (exact on a name only one person's
 *       mobile carries, exact on a shared name, same sound, one character apart), phone, ID number,
 *       birth date, gender, store or city and shared transactions; pairs at or above the threshold link
 *       unless their names are different (neither alike in sound nor one character apart).
 *       This is what links a landline-only CRM record to its person;</li>
 *   <li>{@link GuardedClusters}: no union of records with conflicting identities, so the shared family
 *       phone, the fleet contact, the common name and the reassigned number never merge two people.</li>
 * </ol>
 * A customer's key is derived from its anchor, the record loaded first (then created first): it
 * never changes as records join, and when two customers merge the older key survives.
 */
public final class IdentityResolver {

    static final String RULE_ID = "id_number";
    static final String RULE_PHONE_NAME = "mobile_and_name";
    static final String RULE_TRANSACTION_NAME = "transaction_and_name";
    static final String RULE_PROBABILISTIC = "fellegi_sunter";
    static final String RULE_SINGLE = "single_record";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);
    private static final int MAX_BLOCK_SIZE = 500;
    /** Above this many records a name's sound in one city is no evidence by itself: see {@link CandidatePairs}. */
    private static final int MAX_NAME_BLOCK_SIZE = 50;
    private static final int RANDOM_PAIRS = 200_000;

    private final SparkSession spark;
    private final double threshold;

    /** @param threshold the match probability at or above which a Fellegi-Sunter pair links */
    public IdentityResolver(SparkSession spark, double threshold) {
        this.spark = spark;
        this.threshold = threshold;
    }

    /**
     * What changed in the cross-reference tonight.
     *
     * @param changed      new or changed {@code core.customer_xref} rows
     * @param relinked     {@code (store_id, source_id)} of the records that are new or changed key: the
     *                     only ones whose facts must be keyed again (a record whose link score alone
     *                     moved, as it does when EM re-estimates the model, keeps its facts)
     * @param affectedKeys customer keys whose set of records or first-seen date changed (old and new
     *                     keys of relinked records)
     * @param vanishedKeys keys no record carries any more, each mapped to the key that absorbed its records
     * @param statistics   link counts by rule and model figures, for the night's quality report
     */
    public record Resolution(Dataset<Row> changed, Dataset<Row> relinked, Set<String> affectedKeys,
                             Map<String, String> vanishedKeys, Statistics statistics) { }

    /** Match statistics of one resolution. */
    public record Statistics(long records, long customers, long candidatePairs, long linkedPairs, long refusedLinks,
                             int skippedBlocks, Map<String, Long> recordsByRule, List<String> model) { }

    /**
     * @param evidence     {@link CustomerEvidence#of} for every customer record
     * @param transactions {@link CustomerEvidence#transactions} of every record
     */
    public Resolution resolve(Dataset<Row> evidence, Dataset<Row> transactions) {
        long started = System.currentTimeMillis();
        List<CustomerRecord> records = records(evidence, transactions);
        long collected = System.currentTimeMillis() - started;
        int n = records.size();
        GuardedClusters clusters = new GuardedClusters(records);
        String[] rule = new String[n];
        double[] score = new double[n];
        long refused = linkEqual(records, clusters, rule, score, r -> LongIntMap.keys(r.idHash()), RULE_ID, true);
        refused += linkEqual(records, clusters, rule, score, r -> r.mobile()
                ? new long[] {LongIntMap.hash(0, r.phone(), r.sound(), r.customerType())} : new long[0], RULE_PHONE_NAME, false);
        refused += linkEqual(records, clusters, rule, score, IdentityResolver::transactionKeys, RULE_TRANSACTION_NAME, false);

        long ruled = System.currentTimeMillis();
        CandidatePairs candidates = CandidatePairs.of(records, MAX_BLOCK_SIZE, MAX_NAME_BLOCK_SIZE);
        long[] pairs = candidates.pairs();
        long blocked = System.currentTimeMillis();
        LongIntMap commonNames = commonNames(records);
        List<CustomerComparison> comparisons = CustomerComparison.all(
                name -> commonNames.get(LongIntMap.hash(name)) != LongIntMap.ABSENT);
        long[] patterns = new long[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(k -> patterns[k] =
                pattern(comparisons, records.get(CandidatePairs.left(pairs[k])), records.get(CandidatePairs.right(pairs[k]))));
        Map<Long, Long> counts = new HashMap<>();
        for (long p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        long compared = System.currentTimeMillis();
        FellegiSunter model = FellegiSunter.fit(comparisons, counts, randomLevels(comparisons, records), 500, 1e-6);
        long fitted = System.currentTimeMillis();
        Links links = links(patterns, counts.keySet(), model);
        for (long link : links.order()) {
            int k = (int) link;
            int a = CandidatePairs.left(pairs[k]);
            int b = CandidatePairs.right(pairs[k]);
            // Different names on one phone or car are a household or a number passed on, not one person,
            // however high the model scores the pair: it is fitted on blocked pairs, where different
            // names are rare among strangers (a million customers' name blocks gave "different" a
            // positive weight and merged 39 such pairs, BENCHMARKS.md).
            if (FellegiSunter.level(patterns[k], CustomerComparison.NAME) == CustomerComparison.NameComparison.DIFFERENT) {
                refused += clusters.find(a) == clusters.find(b) ? 0 : 1;
                continue;
            }
            boolean joined = clusters.find(a) == clusters.find(b) || clusters.union(a, b, false);
            if (!joined) {
                refused++;
                continue;
            }
            double p = links.probability(link);
            for (int i : new int[] {a, b}) {
                if (rule[i] == null || RULE_PROBABILISTIC.equals(rule[i]) && score[i] < p) {
                    rule[i] = RULE_PROBABILISTIC;
                    score[i] = p;
                }
            }
        }
        long linked = System.currentTimeMillis();
        Resolution resolution = assignKeys(records, clusters, rule, score);
        Map<String, Long> byRule = new HashMap<>();
        for (String r : rule) {
            byRule.merge(r == null ? RULE_SINGLE : r, 1L, Long::sum);
        }
        long customers = IntStream.range(0, n).filter(i -> clusters.find(i) == i).count();
        Statistics statistics = new Statistics(n, customers, pairs.length, links.order().length, refused,
                candidates.skippedBlocks(), byRule, model.table());
        LOG.info("identity: {} records -> {} customers; {} candidate pairs, {} at p >= {}, {} links refused by guards,"
                        + " {} oversized blocks skipped; records by rule {}; {} ms ({} ms collecting the evidence)", n, customers,
                pairs.length, links.order().length, threshold, refused, candidates.skippedBlocks(), byRule,
                System.currentTimeMillis() - started, collected);
        LOG.debug("identity phases: evidence {} ms, rules {} ms, blocks {} ms, comparisons {} ms, model {} ms, links {} ms,"
                + " keys {} ms", collected, ruled - started - collected, blocked - ruled, compared - blocked, fitted - compared,
                linked - fitted, System.currentTimeMillis() - linked);
        model.table().forEach(line -> LOG.debug("identity model: {}", line));
        return new Resolution(resolution.changed(), resolution.relinked(), resolution.affectedKeys(), resolution.vanishedKeys(),
                statistics);
    }

    /**
     * The records, ordered by store and source id, with their transactions. The two are collected side by
     * side: each arrives a partition at a time (a million customers' evidence as rows and as records at
     * once would double the driver's peak memory), which keeps one core busy, so the other gathers the
     * transactions meanwhile.
     */
    private static List<CustomerRecord> records(Dataset<Row> evidence, Dataset<Row> transactions) {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<TransactionIndex> index = background.submit(() -> TransactionIndex.collect(transactions));
            NameSounds sounds = new NameSounds();
            SharedValues shared = new SharedValues();
            List<CustomerRecord> records = new ArrayList<>();
            long[] hashes = new long[1024];
            // Dates as days since 1970: java.sql.Date's conversion to LocalDate goes through a calendar.
            Iterator<Row> rows = evidence.select(col("store_id"), col("source_id"), col("name"), col("phone"), col("id_hash"),
                            unix_date(col("birth_date")), col("gender"), col("customer_type"), col("city"),
                            unix_date(col("created_date")), unix_date(col("first_seen")), col("record_hash"), col("known_key"),
                            col("known_rule"), col("known_score"), unix_date(col("known_first_seen")))
                    .orderBy("store_id", "source_id").toLocalIterator();
            while (rows.hasNext()) {
                Row r = rows.next();
                String name = shared.of(r.getString(2));
                String phone = shared.of(r.getString(3));
                if (records.size() == hashes.length) {
                    hashes = Arrays.copyOf(hashes, 2 * hashes.length);
                }
                hashes[records.size()] = r.getLong(11);
                // A source id and a hashed ID number are nearly always the record's own: not shared.
                records.add(new CustomerRecord(shared.of(r.getString(0)), r.getString(1), name, shared.of(sounds.of(name)),
                        phone, phone != null && Phones.isMobile(phone), r.getString(4), date(r, 5, shared), shared.of(r.getString(6)),
                        shared.of(r.getString(7)), shared.of(r.getString(8)), date(r, 9, shared), date(r, 10, shared), null,
                        r.isNullAt(12) ? null : new CustomerRecord.Link(shared.of(r.getString(12)), shared.of(r.getString(13)),
                                r.getDouble(14), date(r, 15, shared))));
            }
            TransactionIndex tokens = index.get();
            for (int i = 0; i < records.size(); i++) {
                records.set(i, records.get(i).withTransactions(tokens.of(hashes[i])));
            }
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting the customer records' transactions", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            background.shutdownNow();
        }
    }

    private static LocalDate date(Row row, int field, SharedValues shared) {
        return row.isNullAt(field) ? null : shared.day(row.getInt(field));
    }

    /** A record's transactions, each with its name's sound and customer type. */
    private static long[] transactionKeys(CustomerRecord r) {
        long[] keys = new long[r.transactions().length];
        for (int t = 0; t < keys.length; t++) {
            keys[t] = LongIntMap.hash(r.transactions()[t], r.sound(), r.customerType());
        }
        return keys;
    }

    /** Unions records that share a key; returns the number of unions the guards refused. */
    private static long linkEqual(List<CustomerRecord> records, GuardedClusters clusters, String[] rule, double[] score,
                                  Function<CustomerRecord, long[]> keys, String name, boolean sameIdNumber) {
        LongIntMap first = new LongIntMap(records.size());
        long refused = 0;
        for (int i = 0; i < records.size(); i++) {
            for (long k : keys.apply(records.get(i))) {
                int other = first.putIfAbsent(k, i);
                if (other == LongIntMap.ABSENT) {
                    continue;
                }
                if (clusters.union(other, i, sameIdNumber)) {
                    for (int x : new int[] {other, i}) {
                        if (rule[x] == null) {
                            rule[x] = name;
                            score[x] = 1.0;
                        }
                    }
                } else {
                    refused++;
                }
            }
        }
        return refused;
    }

    /**
     * Exact names carried by records with more than one mobile number, as {@link LongIntMap#hash}es:
     * names several people share, so agreeing on one is weak evidence. (A person has one mobile; a
     * second number is usually a landline.)
     */
    private static LongIntMap commonNames(List<CustomerRecord> records) {
        LongIntMap firstMobile = new LongIntMap(records.size());
        LongIntMap common = new LongIntMap(1024);
        for (int i = 0; i < records.size(); i++) {
            CustomerRecord r = records.get(i);
            if (r.name() != null && r.mobile()) {
                long name = LongIntMap.hash(r.name());
                int first = firstMobile.putIfAbsent(name, i);
                if (first != LongIntMap.ABSENT && !records.get(first).phone().equals(r.phone())) {
                    common.putIfAbsent(name, 0);
                }
            }
        }
        return common;
    }

    /**
     * The candidate pairs at or above the threshold in link order, each as {@code (rank << 32) | index}
     * (one primitive sort instead of boxing millions of indexes), and the probability of each rank.
     */
    private record Links(long[] order, double[] probabilityOfRank) {
        double probability(long link) {
            return probabilityOfRank[(int) (link >>> 32)];
        }
    }

    /** Most probable first, and by pair within one probability. */
    private Links links(long[] patterns, Set<Long> distinctPatterns, FellegiSunter model) {
        Map<Long, Double> probabilityOf = new HashMap<>();
        distinctPatterns.forEach(p -> probabilityOf.put(p, model.probability(p)));
        double[] descending = probabilityOf.values().stream().filter(q -> q >= threshold).distinct()
                .sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
        Map<Double, Integer> rankOf = new HashMap<>();
        for (int r = 0; r < descending.length; r++) {
            rankOf.put(descending[r], r);
        }
        LongIntMap rank = new LongIntMap(distinctPatterns.size());
        probabilityOf.forEach((p, q) -> {
            if (q >= threshold) {
                rank.putIfAbsent(p, rankOf.get(q));
            }
        });
        long[] order = new long[patterns.length];
        int size = 0;
        for (int k = 0; k < patterns.length; k++) {
            int r = rank.get(patterns[k]);
            if (r != LongIntMap.ABSENT) {
                order[size++] = (long) r << 32 | k;
            }
        }
        order = Arrays.copyOf(order, size);
        Arrays.parallelSort(order);
        return new Links(order, descending);
    }

    private static long pattern(List<CustomerComparison> comparisons, CustomerRecord a, CustomerRecord b) {
        int[] levels = new int[comparisons.size()];
        for (int c = 0; c < levels.length; c++) {
            levels[c] = comparisons.get(c).compare(a, b);
        }
        return FellegiSunter.pack(levels);
    }

    /** Level frequencies among random pairs (add-one smoothed): the chance agreement EM starts u from. */
    private static double[][] randomLevels(List<CustomerComparison> comparisons, List<CustomerRecord> records) {
        double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < u.length; c++) {
            u[c] = new double[comparisons.get(c).levels().size()];
            Arrays.fill(u[c], 1.0);
        }
        int n = records.size();
        if (n >= 2) {
            SplittableRandom random = new SplittableRandom(n);
            for (int s = 0; s < RANDOM_PAIRS; s++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n - 1);
                j = j >= i ? j + 1 : j;
                for (int c = 0; c < u.length; c++) {
                    int level = comparisons.get(c).compare(records.get(i), records.get(j));
                    if (level >= 0) {
                        u[c][level]++;
                    }
                }
            }
        }
        for (double[] row : u) {
            double total = Arrays.stream(row).sum();
            for (int l = 0; l < row.length; l++) {
                row[l] /= total;
            }
        }
        return u;
    }

    /**
     * Keys per cluster from its anchor: the record first seen earliest, then created earliest, then
     * by store and source id. The anchor of a merged cluster is the older of the two anchors, so the
     * older key survives; a record joining later never displaces the anchor.
     */
    private Resolution assignKeys(List<CustomerRecord> records, GuardedClusters clusters, String[] rule, double[] score) {
        Comparator<CustomerRecord> age = Comparator.comparing(CustomerRecord::firstSeen)
                .thenComparing(CustomerRecord::createdDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CustomerRecord::storeId).thenComparing(CustomerRecord::sourceId);
        // Per cluster root: its anchor record, then the anchor's key (a digest, so computed once).
        int[] anchor = new int[records.size()];
        Arrays.fill(anchor, -1);
        for (int i = 0; i < records.size(); i++) {
            int root = clusters.find(i);
            if (anchor[root] < 0 || age.compare(records.get(anchor[root]), records.get(i)) > 0) {
                anchor[root] = i;
            }
        }
        String[] keyOfRoot = new String[records.size()];
        List<Row> changed = new ArrayList<>();
        List<Row> relinked = new ArrayList<>();
        Set<String> affected = new HashSet<>();
        Map<String, String> absorbedBy = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            CustomerRecord r = records.get(i);
            int root = clusters.find(i);
            if (keyOfRoot[root] == null) {
                keyOfRoot[root] = records.get(anchor[root]).anchorKey();
            }
            String key = keyOfRoot[root];
            CustomerRecord.Link before = r.known();
            CustomerRecord.Link after = new CustomerRecord.Link(key, rule[i] == null ? RULE_SINGLE : rule[i],
                    rule[i] == null ? 1.0 : score[i], r.firstSeen());
            if (after.equals(before)) {
                continue;
            }
            changed.add(RowFactory.create(r.storeId(), r.sourceId(), key, after.rule(), after.score(), Date.valueOf(after.firstSeen())));
            boolean newKey = before == null || !before.customerKey().equals(key);
            if (newKey) {
                relinked.add(RowFactory.create(r.storeId(), r.sourceId()));
            }
            if (newKey || !before.firstSeen().equals(after.firstSeen())) {
                affected.add(key);
            }
            if (before != null && newKey) {
                affected.add(before.customerKey());
                absorbedBy.put(before.customerKey(), key);
            }
        }
        Set<String> used = absorbedBy.isEmpty() ? Set.of()
                : Arrays.stream(keyOfRoot).filter(Objects::nonNull).collect(Collectors.toSet());
        // Records never leave staging, so a key nobody carries any more lost all its records to other keys.
        Map<String, String> vanished = new HashMap<>();
        absorbedBy.forEach((old, successor) -> {
            if (!used.contains(old)) {
                vanished.put(old, successor);
            }
        });
        StructType recordKey = new StructType().add("store_id", DataTypes.StringType).add("source_id", DataTypes.StringType);
        return new Resolution(DriverRows.frame(spark, changed, Tables.CUSTOMER_XREF.schema()),
                DriverRows.frame(spark, relinked, recordKey),
                affected, vanished, null);
    }
}
