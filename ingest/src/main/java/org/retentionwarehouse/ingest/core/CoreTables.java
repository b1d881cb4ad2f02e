package org.retentionwarehouse.ingest.core;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.retentionwarehouse.warehouse.table.Tables;
import org.retentionwarehouse.warehouse.table.WarehouseTable;

/**
 * The core star schema derived from staging and the identity cross-reference. Each function is
 * one Dataset-to-Dataset step; {@link org.retentionwarehouse.ingest.IngestStage} composes them.
 */
public final class CoreTables {

    private CoreTables() {
    }

    /**
     * The golden record per customer. Survivorship: each attribute from the most recently created
     * source record that has it; opt-out and blacklist if any source record says so (a refusal in
     * one department binds the whole group); home store = store of the most recent record.
     */
    public static Dataset<Row> dimCustomer(Dataset<Row> customers, Dataset<Row> xref) {
        Column recency = struct(col("c.created_date"), col("c.batch_date"), col("c.store_id"), col("c.source_id"));
        List<Column> aggregates = new ArrayList<>();
        for (String attribute : List.of("name", "phone", "id_hash", "gender", "birth_date", "customer_type",
                "company_name", "tier", "city")) {
            aggregates.add(max_by(col("c." + attribute), when(col("c." + attribute).isNotNull(), recency)).as(attribute));
        }
        aggregates.add(bool_or(coalesce(col("c.opt_out"), lit(false))).as("opt_out"));
        aggregates.add(bool_or(coalesce(col("c.blacklist"), lit(false))).as("blacklist"));
        aggregates.add(max_by(col("c.store_id"), recency).as("home_store_id"));
        aggregates.add(count(lit(1)).cast("int").as("source_records"));
        aggregates.add(min(col("x.first_seen_date")).as("first_seen_date"));
        return customers.as("c")
                .join(xref.as("x"), col("c.store_id").equalTo(col("x.store_id")).and(col("c.source_id").equalTo(col("x.source_id"))))
                .groupBy(col("x.customer_key"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    /** A staging fact with its customer's key, in the columns of {@code target}. */
    public static Dataset<Row> fact(Dataset<Row> staged, Dataset<Row> xref, String customerColumn, WarehouseTable target) {
        Dataset<Row> keys = xref.select(col("store_id").as("x_store"), col("source_id").as("x_source"), col("customer_key"));
        Dataset<Row> joined = staged.join(keys, col("store_id").equalTo(col("x_store"))
                .and(col(customerColumn).equalTo(col("x_source"))), "left");
        return joined.select(columns(target));
    }

    /** A staging table without lineage, in the columns of {@code target}. */
    public static Dataset<Row> project(Dataset<Row> staged, WarehouseTable target) {
        return staged.select(columns(target));
    }

    /** One row per VIN: the most recent record across stores, owned by that record's customer. */
    public static Dataset<Row> dimVehicle(Dataset<Row> vehicles, Dataset<Row> xref) {
        Dataset<Row> latest = vehicles.withColumn("_n", row_number().over(Window.partitionBy("vin")
                        .orderBy(col("batch_date").desc(), col("purchase_date").desc_nulls_last(), col("store_id"))))
                .filter(col("_n").equalTo(1));
        return fact(latest, xref, "owner_source_id", Tables.DIM_VEHICLE);
    }

    private static Column[] columns(WarehouseTable target) {
        return java.util.Arrays.stream(target.schema().fields()).map(StructField::name).map(n -> col(n)).toArray(Column[]::new);
    }
}
