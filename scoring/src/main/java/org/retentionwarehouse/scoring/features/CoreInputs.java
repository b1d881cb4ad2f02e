package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;

/** The core tables features are computed from. */
public record CoreInputs(Dataset<Row> serviceOrders, Dataset<Row> sales, Dataset<Row> interactions, Dataset<Row> vehicles) {

    public static CoreInputs from(TableStore tables) {
        return new CoreInputs(tables.read(Tables.FACT_SERVICE_ORDER), tables.read(Tables.FACT_SALE),
                tables.read(Tables.FACT_INTERACTION), tables.read(Tables.DIM_VEHICLE));
    }

    /**
     * The inputs as they stood at the end of day {@code t}: later events removed, and a complaint
     * resolved after {@code t} still open. Features of {@code t} must not change when computed
     * from this instead of from everything.
     */
    public CoreInputs asKnownAt(LocalDate t) {
        Column day = lit(Date.valueOf(t));
        return new CoreInputs(
                serviceOrders.filter(col("open_date").leq(day)),
                sales.filter(col("order_date").leq(day)),
                interactions.filter(col("interaction_date").leq(day))
                        .withColumn("resolved_date", when(col("resolved_date").leq(day), col("resolved_date"))),
                vehicles.filter(col("purchase_date").isNull().or(col("purchase_date").leq(day))));
    }
}
