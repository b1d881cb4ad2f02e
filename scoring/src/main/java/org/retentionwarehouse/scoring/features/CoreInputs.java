package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * The core tables features are computed from.
 *
 * @param customers the current golden records ({@code core.dim_customer} where {@code is_current});
 *                  features read only attributes that do not change over a customer's life from
 *                  them; the current tier and type pass through to tonight's scores
 */
public record CoreInputs(Dataset<Row> serviceOrders, Dataset<Row> sales, Dataset<Row> interactions, Dataset<Row> vehicles,
                         Dataset<Row> customers) {

    public static CoreInputs from(TableStore tables) {
        return new CoreInputs(tables.read(Tables.FACT_SERVICE_ORDER), tables.read(Tables.FACT_SALE),
                tables.read(Tables.FACT_INTERACTION), tables.read(Tables.DIM_VEHICLE),
                tables.read(Tables.DIM_CUSTOMER).filter(col("is_current")));
    }

    /** The day of the first workshop visit the warehouse holds, or null when it holds none. */
    public LocalDate firstVisit() {
        Date first = serviceOrders.agg(min("open_date")).first().getDate(0);
        return first == null ? null : first.toLocalDate();
    }

    /**
     * The inputs as they stood at the end of day {@code t}: later events removed, and a complaint
     * resolved after {@code t} still open; a vehicle's insurance expiry and inspection due date as
     * recorded then, before the renewals and inspections after {@code t} moved them on (by whole
     * years, two at a time for inspections, which fits both their yearly and two-yearly rhythm).
     * Features of {@code t} must not change when computed from this instead of from everything.
     */
    public CoreInputs asKnownAt(LocalDate t) {
        Column day = lit(Date.valueOf(t));
        return new CoreInputs(
                serviceOrders.filter(col("open_date").leq(day)),
                sales.filter(col("order_date").leq(day)),
                interactions.filter(col("interaction_date").leq(day))
                        .withColumn("resolved_date", when(col("resolved_date").leq(day), col("resolved_date"))),
                vehicles.filter(col("purchase_date").isNull().or(col("purchase_date").leq(day)))
                        .withColumn("insurance_expiry", recordedAt(col("insurance_expiry"), t, 12))
                        .withColumn("inspection_due", recordedAt(col("inspection_due"), t, 24)),
                customers);
    }

    /** A due date moved back by whole cycles of {@code months} until it is at most one cycle after {@code t}. */
    private static Column recordedAt(Column due, LocalDate t, int months) {
        Column horizon = lit(Date.valueOf(t.plusMonths(months)));
        Column cycles = greatest(lit(0), ceil(months_between(due, horizon).divide(months)));
        return add_months(due, cycles.multiply(-months).cast("int"));
    }
}
