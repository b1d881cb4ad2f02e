package org.retentionwarehouse.ingest.core;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
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
     * The golden record per customer as of one date. Survivorship: each attribute from the most
     * recently created source record that has it; opt-out and blacklist if any source record says so
     * (a refusal in one department binds the whole group); home store = store of the most recent record.
     *
     * @param versions per {@code (customer_key, as_of)}, each source record's latest version on or
     *                 before {@code as_of}, with the record's {@code first_seen_date}
     */
    static Dataset<Row> golden(Dataset<Row> versions) {
        Column recency = struct(col("created_date"), col("batch_date"), col("store_id"), col("source_id"));
        List<Column> aggregates = new ArrayList<>();
        for (String attribute : List.of("name", "phone", "id_hash", "gender", "birth_date", "customer_type",
                "company_name", "tier", "city")) {
            aggregates.add(latestKnown(attribute, recency));
        }
        aggregates.add(bool_or(coalesce(col("opt_out"), lit(false))).as("opt_out"));
        aggregates.add(bool_or(coalesce(col("blacklist"), lit(false))).as("blacklist"));
        aggregates.add(max_by(col("store_id"), recency).as("home_store_id"));
        aggregates.add(count(lit(1)).cast("int").as("source_records"));
        aggregates.add(min(col("first_seen_date")).as("first_seen_date"));
        return versions.groupBy(col("customer_key"), col("as_of"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    /**
     * The SCD2 history of the customers in {@code xref}, derived from every delivered version of their
     * records: a version starts on each delivery night that changed the golden record, so re-running
     * nights in any order yields the same history.
     *
     * @param history {@code staging.customer_history}
     * @param xref    the cross-reference rows of the customers to build
     */
    public static Dataset<Row> dimCustomer(Dataset<Row> history, Dataset<Row> xref) {
        Dataset<Row> records = history.join(xref.select("store_id", "source_id", "customer_key", "first_seen_date"),
                new String[] {"store_id", "source_id"});
        Dataset<Row> nights = records.select(col("customer_key"), col("batch_date").as("as_of")).distinct();
        Dataset<Row> asOf = records.join(nights, "customer_key").filter(col("batch_date").leq(col("as_of")))
                .withColumn("_n", row_number().over(Window.partitionBy("customer_key", "as_of", "store_id", "source_id")
                        .orderBy(col("batch_date").desc())))
                .filter(col("_n").equalTo(1)).drop("_n");
        Dataset<Row> golden = golden(asOf);
        List<String> attributes = new ArrayList<>(List.of(golden.columns()));
        attributes.removeAll(List.of("customer_key", "as_of"));
        Column state = struct(attributes.stream().map(c -> col(c)).toArray(Column[]::new));
        org.apache.spark.sql.expressions.WindowSpec byNight = Window.partitionBy("customer_key").orderBy("as_of");
        Dataset<Row> changes = golden.withColumn("_state", state)
                .withColumn("_previous", lag(col("_state"), 1).over(byNight))
                .filter(col("_previous").isNull().or(not(col("_previous").eqNullSafe(col("_state")))));
        return changes.withColumn("valid_from", col("as_of"))
                .withColumn("valid_to", lead(col("as_of"), 1).over(byNight))
                .withColumn("is_current", col("valid_to").isNull())
                .select(columns(Tables.DIM_CUSTOMER));
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

    /**
     * One row per VIN across stores. Its owner is the customer of the record with the latest purchase
     * date (a car sold on is owned by its buyer, whichever store delivered last), then of the newest
     * delivery. Each attribute comes from the first record in that order that has it: a workshop's
     * record of a car it did not sell lacks the insurance and inspection dates the selling store keeps,
     * and must not blank them.
     */
    public static Dataset<Row> dimVehicle(Dataset<Row> vehicles, Dataset<Row> xref) {
        // A struct orders a null purchase date first, so an undated record never outranks a dated one.
        Column recency = struct(col("purchase_date"), col("batch_date"), col("store_id"), col("owner_source_id"));
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(max_by(struct(col("store_id"), col("owner_source_id")), recency).as("_owner"));
        for (String attribute : List.of("plate", "brand", "model", "model_year", "purchase_date", "insurance_expiry",
                "inspection_due")) {
            aggregates.add(latestKnown(attribute, recency));
        }
        Dataset<Row> vehicle = vehicles.groupBy("vin")
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .select(col("*"), col("_owner.store_id").as("store_id"), col("_owner.owner_source_id").as("owner_source_id"));
        return fact(vehicle, xref, "owner_source_id", Tables.DIM_VEHICLE);
    }

    /** The attribute from the highest-ranked row that has it: survivorship per attribute, not per row. */
    private static Column latestKnown(String attribute, Column recency) {
        return max_by(col(attribute), when(col(attribute).isNotNull(), recency)).as(attribute);
    }

    private static Column[] columns(WarehouseTable target) {
        return java.util.Arrays.stream(target.schema().fields()).map(StructField::name).map(n -> col(n)).toArray(Column[]::new);
    }
}
