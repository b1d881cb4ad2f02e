package org.retentionwarehouse.reports.kpi;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * The rows of {@code marts.kpi_store_daily} for one snapshot date D, with the configured
 * definitions: active = a service visit or purchase in the active window before D; the retention
 * cohort = customers active at D minus the churn window, retained = those of them with a visit or
 * purchase since (churn rate is its complement, as the churn label); lost = active customers with
 * no visit or purchase in the lost window (the win-back pool). Complaint and satisfaction figures
 * cover the trailing churn window. Group totals come from the same aggregation (a rollup), so an
 * average is over all rows, not an average of store averages.
 */
public final class StoreKpis {

    /** The model whose scores tonight's lists come from; either part may be null before the first model. */
    public record Model(String version, Double auc) { }

    private final RetentionSettings.Definitions definitions;

    public StoreKpis(RetentionSettings.Definitions definitions) {
        this.definitions = definitions;
    }

    /**
     * @param stores        {@code core.dim_store}: every store gets a row, with zeros when it has no data
     * @param serviceOrders {@code core.fact_service_order}
     * @param sales         {@code core.fact_sale}
     * @param interactions  {@code core.fact_interaction}
     * @param list          tonight's {@code marts.retention_list}
     */
    public Dataset<Row> build(LocalDate date, Dataset<Row> stores, Dataset<Row> serviceOrders, Dataset<Row> sales,
                              Dataset<Row> interactions, Dataset<Row> list, Model model) {
        LocalDate cohortDate = date.minusMonths(definitions.churnMonths());
        Dataset<Row> events = events(serviceOrders, sales, date).cache();
        Dataset<Row> now = activeAt(events, date, "last_event");
        Dataset<Row> cohort = activeAt(events, cohortDate, "last_before")
                .join(now.select(col("customer_key"), col("last_event")), new String[] {"customer_key"}, "left");
        Column lostBefore = lit(Date.valueOf(date.minusMonths(definitions.lostMonths())));

        Dataset<Row> active = now.rollup(col("store_id")).agg(
                count(lit(1)).as("active_customers"),
                count(when(col("last_event").leq(lostBefore), 1)).as("lost_customers"));
        Dataset<Row> retention = cohort.rollup(col("store_id")).agg(
                count(lit(1)).as("retention_cohort"),
                count(when(col("last_event").gt(lit(Date.valueOf(cohortDate))), 1)).as("retained_customers"));
        Dataset<Row> care = care(interactions, date, date.minusMonths(definitions.churnMonths()));
        Dataset<Row> lists = list.rollup(col("store_id")).agg(count(lit(1)).as("retention_list_size"));

        Dataset<Row> ids = stores.select("store_id").union(stores.select(lit(Tables.GROUP).as("store_id"))).distinct();
        Dataset<Row> kpis = ids
                .join(group(active), new String[] {"store_id"}, "left")
                .join(group(retention), new String[] {"store_id"}, "left")
                .join(group(care), new String[] {"store_id"}, "left")
                .join(group(lists), new String[] {"store_id"}, "left");
        Column cohortSize = coalesce(col("retention_cohort"), lit(0L));
        Column retained = coalesce(col("retained_customers"), lit(0L));
        Column rate = when(cohortSize.gt(0), retained.cast("double").divide(cohortSize));
        Dataset<Row> result = kpis.select(
                lit(Date.valueOf(date)).as("snapshot_date"),
                col("store_id"),
                coalesce(col("active_customers"), lit(0L)).as("active_customers"),
                cohortSize.as("retention_cohort"),
                retained.as("retained_customers"),
                rate.as("retention_rate"),
                lit(1.0).minus(rate).as("churn_rate"),
                coalesce(col("lost_customers"), lit(0L)).as("lost_customers"),
                coalesce(col("open_complaints"), lit(0L)).as("open_complaints"),
                col("mean_resolution_days"),
                col("satisfaction"),
                coalesce(col("retention_list_size"), lit(0L)).as("retention_list_size"),
                lit(model.version()).cast("string").as("model_version"),
                lit(model.auc()).cast("double").as("model_auc"));
        events.unpersist();
        return result;
    }

    /** Service visits and purchases on or before {@code date}, each with its customer and store. */
    private static Dataset<Row> events(Dataset<Row> serviceOrders, Dataset<Row> sales, LocalDate date) {
        return serviceOrders.select(col("customer_key"), col("store_id"), col("open_date").as("event_date"))
                .unionByName(sales.select(col("customer_key"), col("store_id"), col("order_date").as("event_date")))
                .filter(col("customer_key").isNotNull().and(col("event_date").leq(lit(Date.valueOf(date)))));
    }

    /**
     * Customers active at {@code at}, each in the store of their latest event then (ties broken by
     * store id, so a re-run assigns the same store), with that event's date in {@code lastColumn}.
     */
    private Dataset<Row> activeAt(Dataset<Row> events, LocalDate at, String lastColumn) {
        Column windowStart = lit(Date.valueOf(at.minusMonths(definitions.activeMonths())));
        return events.filter(col("event_date").leq(lit(Date.valueOf(at))))
                .groupBy("customer_key")
                .agg(max(struct(col("event_date"), col("store_id"))).as("latest"))
                .filter(col("latest.event_date").gt(windowStart))
                .select(col("customer_key"), col("latest.store_id").as("store_id"), col("latest.event_date").as(lastColumn));
    }

    private static Dataset<Row> care(Dataset<Row> interactions, LocalDate date, LocalDate windowStart) {
        Column d = lit(Date.valueOf(date));
        Column since = lit(Date.valueOf(windowStart));
        Column complaint = col("interaction_type").equalTo("complaint");
        Column open = complaint.and(col("resolved_date").isNull().or(col("resolved_date").gt(d)));
        Column resolvedLately = complaint.and(col("resolved_date").gt(since)).and(col("resolved_date").leq(d));
        Column surveyLately = col("interaction_type").equalTo("survey").and(col("interaction_date").gt(since));
        return interactions.filter(col("interaction_date").leq(d)).rollup(col("store_id")).agg(
                sum(when(open, 1).otherwise(0)).cast("long").as("open_complaints"),
                avg(when(resolvedLately, datediff(col("resolved_date"), col("interaction_date")))).as("mean_resolution_days"),
                avg(when(surveyLately, col("score"))).as("satisfaction"));
    }

    /** Names a rollup's grand-total row (null store) as the group. */
    private static Dataset<Row> group(Dataset<Row> rollup) {
        return rollup.withColumn("store_id", coalesce(col("store_id"), lit(Tables.GROUP)));
    }
}
