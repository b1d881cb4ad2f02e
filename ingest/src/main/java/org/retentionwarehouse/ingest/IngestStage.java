package org.retentionwarehouse.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.retentionwarehouse.ingest.delivery.Delivery;
import org.retentionwarehouse.ingest.delivery.DeliveryFinder;
import org.retentionwarehouse.ingest.identity.CustomerEvidence;
import org.retentionwarehouse.ingest.identity.IdentityResolver;
import org.retentionwarehouse.ingest.parse.ExtractParser;
import org.retentionwarehouse.ingest.parse.SourceFile;
import org.retentionwarehouse.ingest.parse.StagingRows;
import org.retentionwarehouse.ingest.core.CoreTables;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.config.Store;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import org.retentionwarehouse.warehouse.table.PublishedNights;
import org.retentionwarehouse.warehouse.table.SourceEntity;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.retentionwarehouse.warehouse.table.WarehouseTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Night step 1: the stores' extracts for a business date into staging (every row loaded or
 * quarantined), then the core tables rebuilt from staging and the identity cross-reference.
 */
public final class IngestStage {

    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);
    /** Facts that carry a customer's source id, resolved to the customer_key. */
    private static final Map<SourceEntity, WarehouseTable> CUSTOMER_FACTS = Map.of(
            SourceEntity.SALE, Tables.FACT_SALE,
            SourceEntity.SERVICE_ORDER, Tables.FACT_SERVICE_ORDER,
            SourceEntity.INTERACTION, Tables.FACT_INTERACTION);
    private static final String CUSTOMER_SOURCE_ID = "customer_source_id";
    private static final String DEMO_KEY = "retention-warehouse-demo-key-change-me";

    /** Parsed rows per partition below which fewer partitions serve a night better than more. */
    private static final long ROWS_PER_PARTITION = 200_000;

    private final SparkSession spark;
    private final DataHome home;
    private final RetentionSettings settings;
    private final TableStore tables;

    public IngestStage(SparkSession spark, DataHome home, RetentionSettings settings) {
        this.spark = spark;
        this.home = home;
        this.settings = settings;
        this.tables = new TableStore(spark);
    }

    public IngestSummary run(LocalDate date) {
        long started = System.currentTimeMillis();
        StoreRegistry registry = StoreRegistry.load(home.storesFile());
        tables.createMissing();
        Delivery delivery = new DeliveryFinder(home, registry, settings.ingest().deliveryMarker()).find(date);
        if (!delivery.missingStores().isEmpty()) {
            LOG.warn("{}: no delivery from stores {}", date, delivery.missingStores());
        }
        if (!delivery.unknownFiles().isEmpty()) {
            LOG.warn("{}: files no dialect pattern matches, not loaded: {}", date, delivery.unknownFiles());
        }
        ExtractParser parser = new ExtractParser(registry, idHashKey(), spark.sparkContext().hadoopConfiguration());
        delivery.files().forEach(parser::checkHeader);
        new PublishedNights(spark, tables).clear(date);

        Dataset<Row> parsed = parse(delivery.files(), parser).persist(StorageLevel.MEMORY_AND_DISK());
        Map<SourceEntity, Dataset<Row>> delivered = new EnumMap<>(SourceEntity.class);
        try {
            Counts counts = Counts.of(parsed, delivery.files());
            checkBadRowThreshold(counts);
            Dataset<Row> tonight = fewerPartitionsWhenSmall(parsed, counts);
            Map<WarehouseTable, Dataset<Row>> staging = new LinkedHashMap<>();
            staging.put(Tables.QUARANTINE, StagingRows.quarantined(tonight));
            for (SourceEntity entity : SourceEntity.values()) {
                Dataset<Row> rows = StagingRows.canonical(tonight, entity);
                staging.put(Tables.staging(entity), rows);
                if (entity == SourceEntity.CUSTOMER) {
                    staging.put(Tables.CUSTOMER_HISTORY, rows);
                }
                delivered.put(entity, rows.select(deliveredColumns(entity)));
            }
            tables.mergeAll(staging);
            if (counts.read() > ROWS_PER_PARTITION) {
                // The core build needs only tonight's keys. Kept on disk, they let the parsed rows go: an
                // initial extract's parsed rows fill the storage memory that identity resolution needs on
                // the driver (a 1M-customer extract ran out of a 14 GB heap). A small night's rows stay
                // cached instead: writing its keys would cost seven queries and save no memory.
                delivered.replaceAll((entity, keys) -> keys.persist(StorageLevel.DISK_ONLY()));
                delivered.values().forEach(Dataset::count);
                parsed.unpersist();
            }
            long customers = buildCore(registry, delivery, delivered, counts, date);
            IngestSummary summary = new IngestSummary(date, counts.files(), delivery.missingStores(), delivery.unknownFiles(),
                    customers, System.currentTimeMillis() - started);
            LOG.info("ingest {}: {} files, rows read {} = loaded {} + quarantined {}; {} customers; {} ms", date,
                    delivery.files().size(), summary.read(), summary.loaded(), summary.quarantined(), customers,
                    summary.elapsedMillis());
            return summary;
        } finally {
            parsed.unpersist();
            delivered.values().forEach(Dataset::unpersist);
        }
    }

    private Dataset<Row> parse(List<SourceFile> files, ExtractParser parser) {
        // A few partitions per core balance uneven file sizes; more only multiply the tasks of every
        // later query over the parsed rows, which is most of a small night's cost.
        int partitions = Math.max(1, Math.min(files.size(), 4 * spark.sparkContext().defaultParallelism()));
        FlatMapFunction<SourceFile, Row> parse = file -> parser.parse(file).iterator();
        return spark.createDataset(files, Encoders.javaSerialization(SourceFile.class))
                .repartition(partitions)
                .flatMap(parse, Encoders.row(ExtractParser.SCHEMA));
    }

    /**
     * The parsed rows in as few partitions as their number needs. Parsing wants a few partitions per
     * core, for uneven files; every later query over tonight's rows (nine staging writes, each with its
     * change check, and the core build) runs a task per partition, and on a delta night of a few
     * thousand rows those tasks' fixed cost is most of the work. Coalesced, the cached blocks are read
     * as they are, without a shuffle.
     */
    private static Dataset<Row> fewerPartitionsWhenSmall(Dataset<Row> parsed, Counts counts) {
        int needed = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (counts.read() + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
        // Coalescing never adds partitions: a large night keeps those it was parsed in.
        return parsed.coalesce(needed);
    }

    /**
     * Tonight's row counts, in one pass over the parsed rows: per file and entity, and quarantined per
     * reason. A file without a row (a header alone) is counted too, as zero: a store that delivered
     * only empty files is then in the run log as delivered, rather than nowhere.
     */
    private record Counts(List<IngestSummary.FileCount> files, List<RunLog.Quarantined> reasons) {

        long read() {
            return files.stream().mapToLong(IngestSummary.FileCount::read).sum();
        }

        static Counts of(Dataset<Row> parsed, List<SourceFile> delivered) {
            Map<List<String>, long[]> perFile = new LinkedHashMap<>();
            Map<List<String>, Long> perReason = new LinkedHashMap<>();
            for (Row r : parsed.groupBy("store_id", "source_file", "entity", "reason").agg(count(lit(1)))
                    .orderBy("store_id", "source_file", "entity").collectAsList()) {
                long rows = r.getLong(4);
                long[] readLoaded = perFile.computeIfAbsent(List.of(r.getString(0), r.getString(1), r.getString(2)),
                        k -> new long[2]);
                readLoaded[0] += rows;
                if (r.isNullAt(3)) {
                    readLoaded[1] += rows;
                } else {
                    perReason.merge(List.of(r.getString(0), r.getString(2), r.getString(3)), rows, Long::sum);
                }
            }
            delivered.forEach(f -> perFile.putIfAbsent(List.of(f.storeId(), f.name(), f.entity()), new long[2]));
            List<IngestSummary.FileCount> files = new ArrayList<>();
            perFile.forEach((k, c) -> files.add(new IngestSummary.FileCount(k.get(0), k.get(1), k.get(2), c[0], c[1], c[0] - c[1])));
            List<RunLog.Quarantined> reasons = new ArrayList<>();
            perReason.forEach((k, rows) -> reasons.add(new RunLog.Quarantined(k.get(0), k.get(1), k.get(2), rows)));
            return new Counts(files, reasons);
        }
    }

    /**
     * Stops the step, naming the store, the entity, its worst files and the commonest reason, when one
     * entity of a store's delivery has too many bad rows. Judged per entity: a customer file broken by a
     * changed layout must not pass because the same store's service lines are many and sound.
     */
    private void checkBadRowThreshold(Counts counts) {
        Map<List<String>, List<IngestSummary.FileCount>> perStoreEntity = new java.util.TreeMap<>(
                java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        counts.files().forEach(c -> perStoreEntity.computeIfAbsent(List.of(c.storeId(), c.entity()), k -> new ArrayList<>()).add(c));
        double limit = settings.ingest().maxBadRowFraction();
        perStoreEntity.forEach((storeEntity, files) -> {
            long read = files.stream().mapToLong(IngestSummary.FileCount::read).sum();
            long bad = files.stream().mapToLong(IngestSummary.FileCount::quarantined).sum();
            if (read >= settings.ingest().badRowCheckMinRows() && (double) bad / read > limit) {
                String worst = files.stream().filter(f -> f.quarantined() > 0)
                        .sorted(java.util.Comparator.comparingDouble((IngestSummary.FileCount f) -> -(double) f.quarantined() / f.read())
                                .thenComparing(IngestSummary.FileCount::file))
                        .limit(3).map(f -> String.format("%s (%d of %d bad)", f.file(), f.quarantined(), f.read()))
                        .collect(java.util.stream.Collectors.joining(", "));
                RunLog.Quarantined commonest = counts.reasons().stream()
                        .filter(q -> q.storeId().equals(storeEntity.get(0)) && q.entity().equals(storeEntity.get(1)))
                        .max(java.util.Comparator.comparingLong(RunLog.Quarantined::rows)).orElseThrow();
                throw new ConfigurationException(String.format("store '%s', %s: %d of %d rows are bad (%.1f%% > limit %.1f%%),"
                                + " most of them %s (%d); the delivery is not loaded; worst files: %s", storeEntity.get(0),
                        storeEntity.get(1), bad, read, 100.0 * bad / read, 100 * limit, commonest.reason(), commonest.rows(), worst));
            }
        });
    }

    /**
     * Brings the core tables up to date with tonight's staging changes only: the records delivered
     * tonight (read back from staging, so a late file never overrides a newer correction) and the
     * records whose customer_key the identity resolution changed.
     *
     * @param delivery  tonight's files, and the stores and files that brought nothing, for {@code marts.run_log}
     * @param delivered per entity, the staging keys of the records delivered tonight
     * @param counts    tonight's rows read, loaded and quarantined, for {@code marts.run_log}
     */
    private long buildCore(StoreRegistry registry, Delivery delivery, Map<SourceEntity, Dataset<Row>> delivered,
                           Counts counts, LocalDate date) {
        List<Row> stores = new ArrayList<>();
        for (Store s : registry.stores()) {
            stores.add(RowFactory.create(s.id(), s.name(), s.city(), s.brand(), s.callingCapacity(), s.dialect()));
        }
        tables.replace(Tables.DIM_STORE, spark.createDataFrame(stores, Tables.DIM_STORE.schema()), TableStore.WHOLE_TABLE);

        Dataset<Row> evidence = CustomerEvidence.of(tables.read(Tables.staging(SourceEntity.CUSTOMER)),
                tables.read(Tables.CUSTOMER_XREF), delivered.get(SourceEntity.CUSTOMER), date);
        Dataset<Row> transactions = CustomerEvidence.transactions(tables.read(Tables.staging(SourceEntity.VEHICLE)),
                tables.read(Tables.staging(SourceEntity.SALE)), tables.read(Tables.staging(SourceEntity.SERVICE_ORDER)),
                tables.read(Tables.staging(SourceEntity.INTERACTION)));
        IdentityResolver.Resolution resolution = new IdentityResolver(spark, settings.ingest().matchThreshold())
                .resolve(evidence, transactions);
        Dataset<Row> relinked = resolution.relinked().cache();
        // The cross-reference as tonight leaves it, committed only after every table built from it: a
        // night that fails in between resolves the same changes again when re-run. Committed first, a
        // re-run would find nothing relinked and leave the core tables keyed the old way.
        Dataset<Row> changed = resolution.changed();
        Dataset<Row> xref = tables.read(Tables.CUSTOMER_XREF)
                .join(changed.select("store_id", "source_id"), new String[] {"store_id", "source_id"}, "left_anti")
                .unionByName(changed).persist(StorageLevel.DISK_ONLY());

        // Tonight's customers and every key whose records changed, the keys retired tonight among them.
        Dataset<Row> affectedKeys = delivered.get(SourceEntity.CUSTOMER)
                .join(xref, new String[] {"store_id", "source_id"}).select("customer_key")
                .union(spark.createDataset(List.copyOf(resolution.affectedKeys()), Encoders.STRING()).toDF("customer_key"))
                .distinct().cache();
        Map<WarehouseTable, Dataset<Row>> core = new LinkedHashMap<>();
        Map<WarehouseTable, Dataset<Row>> replacedIn = new HashMap<>();
        core.put(Tables.DIM_CUSTOMER, CoreTables.dimCustomer(tables.read(Tables.CUSTOMER_HISTORY),
                xref.join(affectedKeys, "customer_key", "left_semi")));
        replacedIn.put(Tables.DIM_CUSTOMER, affectedKeys);
        List<Row> merges = new ArrayList<>();
        resolution.vanishedKeys().forEach((old, successor) -> merges.add(RowFactory.create(old, successor, java.sql.Date.valueOf(date))));
        core.put(Tables.CUSTOMER_MERGE, spark.createDataFrame(merges, Tables.CUSTOMER_MERGE.schema()));
        // A key retired on an earlier night comes back when a split gives its old anchor a cluster of
        // its own again (a corrected record no longer bridges two people): it is then no longer retired.
        replacedIn.put(Tables.CUSTOMER_MERGE, affectedKeys.toDF("retired_key"));

        Dataset<Row> vehicles = tables.read(Tables.staging(SourceEntity.VEHICLE));
        Dataset<Row> vins = delivered.get(SourceEntity.VEHICLE).select("vin")
                .union(vehicles.join(relinked.withColumnRenamed("source_id", "owner_source_id"),
                        new String[] {"store_id", "owner_source_id"}, "left_semi").select("vin"))
                .distinct();
        core.put(Tables.DIM_VEHICLE, CoreTables.dimVehicle(vehicles.join(vins, "vin", "left_semi"), xref));

        for (Map.Entry<SourceEntity, WarehouseTable> fact : CUSTOMER_FACTS.entrySet()) {
            Dataset<Row> staged = tables.read(Tables.staging(fact.getKey()));
            // By name: a USING join puts its join columns first, and a positional union would swap them.
            Dataset<Row> touched = touched(staged, delivered.get(fact.getKey()), fact.getKey())
                    .unionByName(staged.join(relinked.withColumnRenamed("source_id", CUSTOMER_SOURCE_ID),
                            new String[] {"store_id", CUSTOMER_SOURCE_ID}, "left_semi"))
                    .distinct();
            core.put(fact.getValue(), CoreTables.fact(touched, xref, CUSTOMER_SOURCE_ID, fact.getValue()));
        }
        core.put(Tables.FACT_SERVICE_LINE, CoreTables.project(touched(tables.read(Tables.staging(SourceEntity.SERVICE_LINE)),
                delivered.get(SourceEntity.SERVICE_LINE), SourceEntity.SERVICE_LINE), Tables.FACT_SERVICE_LINE));
        core.put(Tables.FACT_LEAD, CoreTables.project(touched(tables.read(Tables.staging(SourceEntity.LEAD)),
                delivered.get(SourceEntity.LEAD), SourceEntity.LEAD), Tables.FACT_LEAD));
        List<RunLog.Unreferenced> unreferenced = new ArrayList<>(ordersForUnknownVehicles(delivered.get(SourceEntity.SERVICE_ORDER)));
        unreferenced.addAll(factsWithoutCustomer(delivered, xref));
        tables.writeAll(core, replacedIn);
        // Replaced, not merged: a re-run of the date (a store's late folder, a bad file taken out) must not
        // keep the first run's no_delivery or quarantined_<reason> rows beside its own.
        tables.replace(Tables.RUN_LOG, spark.createDataFrame(RunLog.rows(date, counts.files(), counts.reasons(), unreferenced,
                delivery, resolution.statistics()), Tables.RUN_LOG.schema()),
                PublishedNights.steps(date, Tables.RUN_LOG_INGEST, Tables.RUN_LOG_IDENTITY));
        tables.merge(Tables.CUSTOMER_XREF, changed);
        xref.unpersist();
        affectedKeys.unpersist();
        relinked.unpersist();
        return tables.read(Tables.DIM_CUSTOMER).filter(col("is_current")).count();
    }

    /**
     * Per store, tonight's repair orders for a VIN that no vehicle record loaded so far describes. They
     * are loaded all the same: the vehicle's record may be in a late file, and quarantining them would
     * make the warehouse depend on the order the nights are loaded in. The run log counts them.
     */
    private List<RunLog.Unreferenced> ordersForUnknownVehicles(Dataset<Row> deliveredOrders) {
        Dataset<Row> known = tables.read(Tables.staging(SourceEntity.VEHICLE)).select("vin").distinct()
                .withColumn("known", lit(true));
        return touched(tables.read(Tables.staging(SourceEntity.SERVICE_ORDER)), deliveredOrders, SourceEntity.SERVICE_ORDER)
                .join(known, new String[] {"vin"}, "left")
                .groupBy("store_id").agg(count(when(col("known").isNull(), lit(1))))
                .orderBy("store_id").collectAsList().stream()
                .map(r -> new RunLog.Unreferenced(Tables.RUN_LOG_UNKNOWN_VEHICLE, r.getString(0), SourceEntity.SERVICE_ORDER.key(),
                        r.getLong(1)))
                .toList();
    }

    /**
     * Per store and entity, tonight's sales, repair orders and interactions whose customer record is
     * not loaded (not in the cross-reference), so they carry no customer key: it was quarantined, or
     * comes in a later file. Loaded all the same, as for an unknown vehicle, and counted in one pass
     * over the three from tonight's keys; a relinked fact has its customer by definition.
     */
    private static List<RunLog.Unreferenced> factsWithoutCustomer(Map<SourceEntity, Dataset<Row>> delivered, Dataset<Row> xref) {
        Dataset<Row> known = xref.select(col("store_id"), col("source_id").as(CUSTOMER_SOURCE_ID)).withColumn("known", lit(true));
        return CUSTOMER_FACTS.keySet().stream().sorted()
                .map(e -> delivered.get(e).select(col("store_id"), lit(e.key()).as("entity"), col(CUSTOMER_SOURCE_ID)))
                .reduce(Dataset::union).orElseThrow()
                .join(known, scala.jdk.javaapi.CollectionConverters.asScala(List.of("store_id", CUSTOMER_SOURCE_ID)).toSeq(), "left")
                .groupBy("store_id", "entity").agg(count(when(col("known").isNull(), lit(1))))
                .orderBy("store_id", "entity").collectAsList().stream()
                .map(r -> new RunLog.Unreferenced(Tables.RUN_LOG_UNKNOWN_CUSTOMER, r.getString(0), r.getString(1), r.getLong(2)))
                .toList();
    }

    /** What tonight's rows of {@code entity} are remembered by: their staging key, and a fact's customer. */
    private static Column[] deliveredColumns(SourceEntity entity) {
        Column[] key = keyColumns(Tables.staging(entity));
        if (!CUSTOMER_FACTS.containsKey(entity)) {
            return key;
        }
        Column[] withCustomer = java.util.Arrays.copyOf(key, key.length + 1);
        withCustomer[key.length] = col(CUSTOMER_SOURCE_ID);
        return withCustomer;
    }

    /** The current staging rows of the records delivered tonight. */
    private static Dataset<Row> touched(Dataset<Row> staged, Dataset<Row> deliveredKeys, SourceEntity entity) {
        return staged.join(deliveredKeys, scala.jdk.javaapi.CollectionConverters.asScala(
                Tables.staging(entity).key()).toSeq(), "left_semi");
    }

    private static Column[] keyColumns(WarehouseTable table) {
        return table.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private byte[] idHashKey() {
        String key = System.getenv(settings.ingest().idHashKeyEnv());
        if (key == null || key.isBlank()) {
            LOG.warn("{} is not set: ID-card numbers are hashed with the public demo key; set it in production",
                    settings.ingest().idHashKeyEnv());
            key = DEMO_KEY;
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
