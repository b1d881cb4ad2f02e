package org.retentionwarehouse.warehouse.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.retentionwarehouse.warehouse.config.ConfigurationException;
import org.retentionwarehouse.warehouse.spark.SparkSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes warehouse tables. Every write is one Iceberg commit, so a reader sees a table
 * either before or after a night, never half of it; every write upserts on the table's key (a MERGE
 * of the rows that changed, or an append into an empty scope), so writing the same rows twice
 * changes nothing (not even a new snapshot).
 */
public final class TableStore {

    private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

    private final SparkSession spark;

    public TableStore(SparkSession spark) {
        this.spark = spark;
    }

    public SparkSession spark() {
        return spark;
    }

    /**
     * Creates every namespace and table that does not exist yet, and adds to existing tables the
     * columns a newer release defines, so an upgraded deployment keeps its warehouse.
     */
    public void createMissing() {
        // Every job starts here, and on an existing warehouse nothing is missing: the catalog's
        // metadata says so without SQL statements (their 50 took 1.6 s of a small night, 1.9-3.3 s at 1M).
        for (WarehouseTable table : Tables.all()) {
            icebergTable(table).ifPresentOrElse(existing -> {
                addMissingColumns(table, existing.schema());
                applyUpkeepProperties(existing);
            }, () -> create(table));
        }
    }

    /** Every warehouse table that exists, as Iceberg's API sees it, in {@link Tables#all()} order. */
    public List<Table> icebergTables() {
        return Tables.all().stream().map(this::icebergTable).flatMap(Optional::stream).toList();
    }

    /** The table as Iceberg's API sees it, freshly loaded; empty when it does not exist. */
    public Optional<Table> icebergTable(WarehouseTable table) {
        Catalog catalog = Spark3Util.loadIcebergCatalog(spark, SparkSessionFactory.CATALOG);
        TableIdentifier id = identifier(table);
        return catalog.tableExists(id) ? Optional.of(catalog.loadTable(id)) : Optional.empty();
    }

    private static TableIdentifier identifier(WarehouseTable table) {
        return TableIdentifier.of(table.namespace(), table.name());
    }

    private void create(WarehouseTable table) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + table.qualifiedName().substring(0, table.qualifiedName().lastIndexOf('.')));
        String partitioning = table.partitionBy().isEmpty() ? "" : " PARTITIONED BY (" + String.join(", ", table.partitionBy()) + ")";
        String properties = Stream.concat(Map.of(TableProperties.FORMAT_VERSION, "2",
                        TableProperties.PARQUET_COMPRESSION, "zstd",
                        TableProperties.WRITE_DISTRIBUTION_MODE, DistributionMode.HASH.modeName()).entrySet().stream(),
                        UPKEEP_PROPERTIES.entrySet().stream())
                .map(e -> "'" + e.getKey() + "'='" + e.getValue() + "'").sorted().collect(Collectors.joining(", "));
        spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " (" + table.schema().toDDL() + ") USING iceberg"
                + partitioning + " COMMENT '" + table.comment().replace("'", "") + "' TBLPROPERTIES (" + properties + ")");
    }

    /**
     * Properties a table of an older release gets at its next run as well as every new table:
     * <ul>
     *   <li>only the last 20 old metadata files kept: every commit writes a new one, and nothing else
     *       ever deletes them;</li>
     *   <li>a small file weighed as 256 KB, not Iceberg's 4 MB, when files are packed into read tasks.
     *       A store's partition gains a small file each night until compaction; weighed at 4 MB, a
     *       30-store group's staging table of 3 MB was read in 8 to 15 tasks, and a delta night reads
     *       each such table several times. Files on local or HDFS storage cost little to open.</li>
     * </ul>
     */
    private static final Map<String, String> UPKEEP_PROPERTIES = Map.of(
            TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
            TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20",
            TableProperties.SPLIT_OPEN_FILE_COST, String.valueOf(256 * 1024));

    /**
     * Sets those of {@link #UPKEEP_PROPERTIES} a table an older release created lacks, in one commit;
     * a value an operator set stays.
     */
    private static void applyUpkeepProperties(Table table) {
        Map<String, String> missing = UPKEEP_PROPERTIES.entrySet().stream()
                .filter(e -> !table.properties().containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!missing.isEmpty()) {
            UpdateProperties update = table.updateProperties();
            missing.forEach(update::set);
            update.commit();
        }
    }

    /**
     * A table written by an older release gains the columns defined since, at the end and
     * optional (Iceberg adds no required column to existing rows); its old rows read them as null.
     */
    private void addMissingColumns(WarehouseTable table, Schema existing) {
        List<StructField> missing = java.util.Arrays.stream(table.schema().fields())
                .filter(f -> existing.findField(f.name()) == null).toList();
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE " + table.qualifiedName() + " ADD COLUMNS ("
                    + missing.stream().map(f -> f.name() + " " + f.dataType().sql()).collect(Collectors.joining(", ")) + ")");
            LOG.info("{}: added columns {} defined since the table was created", table.qualifiedName(),
                    missing.stream().map(StructField::name).toList());
        }
    }

    /**
     * Fails with a {@link ConfigurationException} naming the first of {@code tables} the warehouse
     * lacks: a command that only reads the warehouse, run against a home no night has written.
     */
    public void requireExisting(WarehouseTable... tables) {
        Catalog catalog = Spark3Util.loadIcebergCatalog(spark, SparkSessionFactory.CATALOG);
        for (WarehouseTable table : tables) {
            if (!catalog.tableExists(identifier(table))) {
                throw new ConfigurationException(table.qualifiedName() + " does not exist in the warehouse at "
                        + spark.conf().get("spark.sql.catalog." + SparkSessionFactory.CATALOG + ".warehouse", "(catalog)")
                        + "; run a night first");
            }
        }
    }

    public Dataset<Row> read(WarehouseTable table) {
        return spark.table(table.qualifiedName());
    }

    /**
     * Upserts {@code rows} into {@code table}: inserts new keys, updates keys whose values changed,
     * leaves identical rows untouched. Rows must be unique on the table key.
     */
    public void merge(WarehouseTable table, Dataset<Row> rows) {
        write(table, rows, null, false);
    }

    /**
     * {@link #merge}s several tables at once, each in its own commit. A small night's write is
     * mostly fixed per-query latency (planning, Iceberg metadata, task scheduling), which
     * overlaps well across tables even on two cores. Every write runs to its end; the first
     * failure is then rethrown, so a re-run finds each table either written or untouched.
     */
    public void mergeAll(Map<WarehouseTable, Dataset<Row>> rowsByTable) {
        writeAll(rowsByTable, Map.of());
    }

    /**
     * {@link #mergeAll}, except that each table {@code scopes} names is {@link #replace}d in its scope
     * (a {@link #replace(WarehouseTable, Dataset, Dataset) scope of column values}).
     */
    public void writeAll(Map<WarehouseTable, Dataset<Row>> rowsByTable, Map<WarehouseTable, Dataset<Row>> scopes) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(rowsByTable.size(), PARALLEL_WRITES)));
        try {
            List<Future<?>> writes = new ArrayList<>();
            rowsByTable.forEach((table, rows) -> writes.add(pool.submit(() -> {
                if (scopes.containsKey(table)) {
                    replace(table, rows, scopes.get(table));
                } else {
                    merge(table, rows);
                }
            })));
            RuntimeException failure = null;
            for (Future<?> write : writes) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing " + rowsByTable.keySet(), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int PARALLEL_WRITES = 4;

    /** The {@link #replace} scope that selects the whole table. */
    public static final String WHOLE_TABLE = "true";

    /**
     * Makes the part of {@code table} selected by {@code scope} (a SQL condition on the target's
     * columns, prefixed {@code t.}, that Iceberg prunes files by: one partition, or a value each data
     * file holds few of, such as one night's date; or {@link #WHOLE_TABLE}) equal to {@code rows}:
     * rows merged as in {@link #merge}, and target rows in scope that are no longer in {@code rows}
     * deleted, all in one commit. Every row of {@code rows} must lie in the scope. A scope the table
     * holds nothing of is found so from the metadata, and the rows are appended without a change check.
     */
    public void replace(WarehouseTable table, Dataset<Row> rows, String scope) {
        boolean whole = WHOLE_TABLE.equals(scope);
        write(table, rows, target -> whole ? target : target.as("t").filter(functions.expr(scope)), !whole);
    }

    /**
     * Makes the rows of {@code table} that match {@code scope} (distinct values of some of the table's
     * columns, e.g. a set of customer keys) equal to {@code rows}, in one commit: rows merged as in
     * {@link #merge}, and target rows matching the scope that are not in {@code rows} deleted. For a
     * scope too large to spell as a SQL condition. Every row of {@code rows} must match the scope.
     */
    public void replace(WarehouseTable table, Dataset<Row> rows, Dataset<Row> scope) {
        write(table, rows, target -> target.join(scope, seq(List.of(scope.columns())), "left_semi"), false);
    }

    /** Deletes the rows whose {@code column} is one of {@code values}, in one commit; nothing when empty. */
    public void delete(WarehouseTable table, String column, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        String list = values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
        spark.sql("DELETE FROM " + table.qualifiedName() + " WHERE " + column + " IN (" + list + ")");
    }

    private static final String DELETE_FLAG = "_rw_delete";
    private static final String EXISTING_FLAG = "_rw_existing";

    /**
     * Works out the rows that really change before touching the table, and writes only those: a
     * night's delta is small next to the tables, and a MERGE over every delivered row (or with a
     * NOT MATCHED BY SOURCE clause) makes Iceberg read and rewrite far more than changed. Nothing
     * changed means nothing committed, because Iceberg commits a snapshot even for a MERGE that
     * touches no row, and a re-run night should leave no trace.
     *
     * @param scope the target rows that {@code rows} replace, deleting those whose key is not in
     *              {@code rows}; null to only upsert
     * @param prunedScope whether the scope is one partition, which Iceberg finds empty from its
     *              metadata alone
     */
    private void write(WarehouseTable table, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope, boolean prunedScope) {
        long started = System.nanoTime();
        // The rows of a replace lie in its scope, so only the scope can hold their keys: for a
        // night's features or scores that is one date's partition, not every night's history.
        Dataset<Row> target = scope == null ? read(table) : scope.apply(read(table));
        // Rows the caller already cached (tonight's features) are not copied into a second cache.
        boolean cache = rows.storageLevel().equals(StorageLevel.NONE());
        Dataset<Row> source = cache ? conform(table, rows).cache() : conform(table, rows);
        try {
            if (holdsNoRows(table) || prunedScope && target.isEmpty()) {
                // Nothing in scope yet (tonight's partition, or a first night): every row is new,
                // so there is nothing to compare, and the rows are appended as they are.
                long count = source.count();
                if (count > 0) {
                    append(table, source, prunedScope);
                }
                LOG.debug("{}: {} new rows into an empty scope in {} ms", table.qualifiedName(), count,
                        (System.nanoTime() - started) / 1_000_000);
                return;
            }
            Column[] key = table.key().stream().map(functions::col).toArray(Column[]::new);
            // Each source row beside the target row with its key, if any (only those an upsert can
            // leave equal); a row changes when it is new or differs in any column. The semi-join
            // (the source's keys broadcast) first narrows the table to those rows, so the left join
            // is between two small sides instead of shuffling the whole table. Aliases keep the two
            // sides apart when the rows were derived from the table itself.
            Dataset<Row> sameKey = target.join(source.select(key), seq(table.key()), "left_semi");
            List<String> columns = List.of(source.columns());
            Column existing = functions.col("t." + table.key().get(0)).isNotNull();
            Column differs = functions.not(columns.stream().filter(c -> !table.key().contains(c))
                    .map(c -> functions.col("s." + c).eqNullSafe(functions.col("t." + c)))
                    .reduce(Column::and).orElse(functions.lit(true)));
            Column sameKeyCondition = table.key().stream().map(k -> functions.col("s." + k).equalTo(functions.col("t." + k)))
                    .reduce(Column::and).orElseThrow();
            List<Column> output = new ArrayList<>(columns.stream().map(c -> functions.col("s." + c)).toList());
            output.add(existing.as(EXISTING_FLAG));
            output.add(functions.lit(false).as(DELETE_FLAG));
            Dataset<Row> changes = source.as("s").join(sameKey.as("t"), sameKeyCondition, "left")
                    .where(functions.not(existing).or(differs))
                    .select(output.toArray(Column[]::new));
            if (scope != null) {
                Dataset<Row> stale = target.select(key).except(source.select(key));
                changes = changes.unionByName(stale.withColumn(EXISTING_FLAG, functions.lit(true))
                        .withColumn(DELETE_FLAG, functions.lit(true)), true);
            }
            changes = changes.cache();
            try {
                Row counts = changes.agg(functions.count(functions.lit(1)),
                        functions.count(functions.when(functions.col(EXISTING_FLAG), functions.lit(1)))).head();
                long count = counts.getLong(0);
                long existingKeys = counts.getLong(1);
                long checked = System.nanoTime();
                if (count > 0) {
                    writeChanges(table, changes, existingKeys == 0);
                }
                LOG.debug("{}: {} rows changed ({} of them new keys); change check {} ms, write {} ms", table.qualifiedName(),
                        count, count - existingKeys, (checked - started) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
            } finally {
                changes.unpersist();
            }
        } finally {
            if (cache) {
                source.unpersist();
            }
        }
    }

    /**
     * Appends the rows in one commit, without a temporary view: dropping a view uncaches its query,
     * and the rows may be the caller's own cached data, still needed after the write.
     *
     * <p>Rows of {@code onePartition} skip the table's hash distribution, which would send every one
     * of them to one task: each core writes a file of its own instead. A million customers' features
     * are then written in two tasks without a shuffle.
     */
    private void append(WarehouseTable table, Dataset<Row> rows, boolean onePartition) {
        Dataset<Row> columns = rows.select(names(table).stream().map(functions::col).toArray(Column[]::new));
        try {
            if (onePartition) {
                columns.coalesce(spark.sparkContext().defaultParallelism()).writeTo(table.qualifiedName())
                        .option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName()).append();
            } else {
                columns.writeTo(table.qualifiedName()).append();
            }
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(table.qualifiedName() + " vanished while being written", e);
        }
    }

    /** From the table's latest metadata alone: whether its current snapshot, if any, holds no rows. */
    private boolean holdsNoRows(WarehouseTable table) {
        try {
            // Refreshed: the catalog caches tables, and another process may have committed since.
            Table latest = Spark3Util.loadIcebergTable(spark, table.qualifiedName());
            latest.refresh();
            Snapshot current = latest.currentSnapshot();
            return current == null || "0".equals(current.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP));
        } catch (ParseException | NoSuchTableException e) {
            throw new IllegalStateException("cannot load " + table.qualifiedName(), e);
        }
    }

    /**
     * Commits the changed rows. Rows with only new keys are appended: the same commit a MERGE
     * would make, without the MERGE's scan of the table for matching rows.
     */
    private void writeChanges(WarehouseTable table, Dataset<Row> changes, boolean onlyNewKeys) {
        if (onlyNewKeys) {
            append(table, changes, false);
            return;
        }
        List<String> names = names(table);
        String view = "src_" + table.namespace() + "_" + table.name();
        changes.createOrReplaceTempView(view);
        String on = table.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String unchanged = names.stream().filter(c -> !table.key().contains(c)).map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "));
        String newer = table.versionColumn() == null ? ""
                : "s." + table.versionColumn() + " >= t." + table.versionColumn() + " AND ";
        String set = names.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
        spark.sql("MERGE INTO " + table.qualifiedName() + " t USING " + view + " s ON " + on
                + " WHEN MATCHED AND s." + DELETE_FLAG + " THEN DELETE"
                + (unchanged.isEmpty() ? "" : " WHEN MATCHED AND " + newer + "NOT (" + unchanged + ") THEN UPDATE SET " + set)
                + " WHEN NOT MATCHED AND NOT s." + DELETE_FLAG + " THEN INSERT (" + String.join(", ", names)
                + ") VALUES (" + names.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")");
        spark.catalog().dropTempView(view);
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(columns).toSeq();
    }

    /** Selects the table's columns in order with the table's types, so a MERGE never misaligns. */
    private Dataset<Row> conform(WarehouseTable table, Dataset<Row> rows) {
        List<Column> columns = java.util.Arrays.stream(table.schema().fields())
                .map(f -> rows.col(f.name()).cast(f.dataType()).as(f.name()))
                .toList();
        return rows.select(columns.toArray(Column[]::new));
    }

    private static List<String> names(WarehouseTable table) {
        return java.util.Arrays.stream(table.schema().fields()).map(StructField::name).toList();
    }
}
