package org.retentionwarehouse.warehouse.table;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes warehouse tables. Every write is one Iceberg commit, so a reader sees a table
 * either before or after a night, never half of it; every write is a MERGE on the table's key, so
 * writing the same rows twice changes nothing (not even a new snapshot).
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

    /** Creates every namespace and table that does not exist yet. */
    public void createMissing() {
        for (WarehouseTable table : Tables.all()) {
            create(table);
        }
    }

    private void create(WarehouseTable table) {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + table.qualifiedName().substring(0, table.qualifiedName().lastIndexOf('.')));
        String partitioning = table.partitionBy().isEmpty() ? "" : " PARTITIONED BY (" + String.join(", ", table.partitionBy()) + ")";
        spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " (" + table.schema().toDDL() + ") USING iceberg"
                + partitioning + " COMMENT '" + table.comment().replace("'", "") + "'"
                + " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd',"
                + " 'write.distribution-mode'='hash')");
    }

    public Dataset<Row> read(WarehouseTable table) {
        return spark.table(table.qualifiedName());
    }

    /**
     * Upserts {@code rows} into {@code table}: inserts new keys, updates keys whose values changed,
     * leaves identical rows untouched. Rows must be unique on the table key.
     */
    public void merge(WarehouseTable table, Dataset<Row> rows) {
        mergeInto(table, rows, null);
    }

    /** The {@link #replace} scope that selects the whole table. */
    public static final String WHOLE_TABLE = "true";

    /**
     * Makes the part of {@code table} selected by {@code scope} (a SQL condition on the target
     * columns, prefixed {@code t.}) equal to {@code rows}: rows merged as in {@link #merge}, and
     * target rows in scope that are no longer in {@code rows} deleted, all in one commit.
     */
    public void replace(WarehouseTable table, Dataset<Row> rows, String scope) {
        mergeInto(table, rows, scope);
    }

    /**
     * Makes the rows of {@code table} that match {@code scope} (distinct values of some of the table's
     * columns, e.g. a set of customer keys) equal to {@code rows}, in one commit: rows merged as in
     * {@link #merge}, and target rows matching the scope that are not in {@code rows} deleted. For a
     * scope too large to spell as a SQL condition.
     */
    public void replace(WarehouseTable table, Dataset<Row> rows, Dataset<Row> scope) {
        Dataset<Row> source = conform(table, rows).cache();
        try {
            Column[] key = table.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
            Dataset<Row> target = read(table);
            Dataset<Row> stale = target.join(scope, scala.jdk.javaapi.CollectionConverters.asScala(List.of(scope.columns())).toSeq(),
                    "left_semi").select(key).except(source.select(key)).cache();
            try {
                if (stale.isEmpty() && source.except(target).isEmpty()) {
                    LOG.debug("{}: no changes, nothing committed", table.qualifiedName());
                    return;
                }
                Dataset<Row> flagged = source.withColumn(DELETE_FLAG, org.apache.spark.sql.functions.lit(false))
                        .unionByName(stale.withColumn(DELETE_FLAG, org.apache.spark.sql.functions.lit(true)), true);
                String view = "src_" + table.namespace() + "_" + table.name();
                flagged.createOrReplaceTempView(view);
                String on = table.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
                List<String> names = names(table);
                String unchanged = names.stream().filter(c -> !table.key().contains(c)).map(c -> "t." + c + " <=> s." + c)
                        .collect(Collectors.joining(" AND "));
                String set = names.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
                spark.sql("MERGE INTO " + table.qualifiedName() + " t USING " + view + " s ON " + on
                        + " WHEN MATCHED AND s." + DELETE_FLAG + " THEN DELETE"
                        + (unchanged.isEmpty() ? "" : " WHEN MATCHED AND NOT (" + unchanged + ") THEN UPDATE SET " + set)
                        + " WHEN NOT MATCHED AND NOT s." + DELETE_FLAG + " THEN INSERT (" + String.join(", ", names)
                        + ") VALUES (" + names.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")");
                spark.catalog().dropTempView(view);
            } finally {
                stale.unpersist();
            }
        } finally {
            source.unpersist();
        }
    }

    private static final String DELETE_FLAG = "_rw_delete";

    /** Deletes the rows whose {@code column} is one of {@code values}, in one commit; nothing when empty. */
    public void delete(WarehouseTable table, String column, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        String list = values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
        spark.sql("DELETE FROM " + table.qualifiedName() + " WHERE " + column + " IN (" + list + ")");
    }

    private void mergeInto(WarehouseTable table, Dataset<Row> rows, String deleteScope) {
        // Cached: the change check and the MERGE read the same source.
        Dataset<Row> source = conform(table, rows).cache();
        try {
            long started = System.nanoTime();
            if (unchanged(table, source, deleteScope)) {
                LOG.debug("{}: no changes, nothing committed ({} ms)", table.qualifiedName(), (System.nanoTime() - started) / 1_000_000);
                return;
            }
            long checked = System.nanoTime();
            merge(table, source, deleteScope);
            LOG.debug("{}: change check {} ms, MERGE {} ms", table.qualifiedName(), (checked - started) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
        } finally {
            source.unpersist();
        }
    }

    private void merge(WarehouseTable table, Dataset<Row> source, String deleteScope) {
        String view = "src_" + table.namespace() + "_" + table.name();
        source.createOrReplaceTempView(view);
        String on = table.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String unchanged = names(table).stream()
                .filter(c -> !table.key().contains(c))
                .map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "));
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(table.qualifiedName()).append(" t USING ")
                .append(view).append(" s ON ").append(on);
        if (!unchanged.isEmpty()) {
            String newer = table.versionColumn() == null ? ""
                    : "s." + table.versionColumn() + " >= t." + table.versionColumn() + " AND ";
            sql.append(" WHEN MATCHED AND ").append(newer).append("NOT (").append(unchanged).append(") THEN UPDATE SET *");
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT *");
        if (WHOLE_TABLE.equals(deleteScope)) {
            sql.append(" WHEN NOT MATCHED BY SOURCE THEN DELETE");
        } else if (deleteScope != null) {
            sql.append(" WHEN NOT MATCHED BY SOURCE AND (").append(deleteScope).append(") THEN DELETE");
        }
        spark.sql(sql.toString());
        spark.catalog().dropTempView(view);
    }

    /**
     * True when the MERGE would change nothing. Checked first because Iceberg commits a snapshot
     * even for a MERGE that touches no row, and a re-run night should leave no trace.
     */
    private boolean unchanged(WarehouseTable table, Dataset<Row> source, String deleteScope) {
        Dataset<Row> target = read(table);
        if (!source.except(target).isEmpty()) {
            return false;
        }
        if (deleteScope == null) {
            return true;
        }
        Column[] key = table.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> inScope = WHOLE_TABLE.equals(deleteScope) ? target
                : target.as("t").filter(org.apache.spark.sql.functions.expr(deleteScope));
        return inScope.select(key).except(source.select(key)).isEmpty();
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
