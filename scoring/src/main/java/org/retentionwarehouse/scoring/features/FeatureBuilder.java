package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * Point-in-time customer features as of a snapshot date T: every input is filtered to events on or
 * before T first, so nothing after T can leak in. Only customers active at T (a service visit or a
 * purchase in the active window before T) get a row.
 */
public final class FeatureBuilder {

    /** The model inputs, in the order the model sees them. */
    public static final List<String> MODEL_FEATURES = List.of("days_since_last_visit", "service_visits_12m",
            "service_visits_24m", "service_spend_24m", "purchases_24m", "mean_visit_interval_days", "overdue_ratio",
            "complaints_24m", "unresolved_complaints", "mean_survey_score", "vehicles", "tenure_days");

    private final RetentionSettings.Definitions definitions;

    public FeatureBuilder(RetentionSettings.Definitions definitions) {
        this.definitions = definitions;
    }

    /** Features of every customer active at {@code snapshot}, in the columns of {@code marts.customer_features}. */
    public Dataset<Row> build(CoreInputs inputs, LocalDate snapshot) {
        Column t = lit(Date.valueOf(snapshot));
        Column windowStart = lit(Date.valueOf(snapshot.minusMonths(definitions.activeMonths())));
        Column yearStart = lit(Date.valueOf(snapshot.minusMonths(12)));

        Dataset<Row> visits = inputs.serviceOrders()
                .filter(col("customer_key").isNotNull().and(col("open_date").leq(t)))
                .select(col("customer_key"), col("store_id"), col("open_date").as("event_date"),
                        col("amount").cast("double").as("amount"), lit(1).as("is_service"));
        Dataset<Row> sales = inputs.sales()
                .filter(col("customer_key").isNotNull().and(col("order_date").leq(t)))
                .select(col("customer_key"), col("store_id"), col("order_date").as("event_date"),
                        col("amount").cast("double").as("amount"), lit(0).as("is_service"));
        Dataset<Row> events = visits.unionByName(sales);

        Column service = col("is_service").equalTo(1);
        Column inWindow = col("event_date").gt(windowStart);
        Dataset<Row> activity = events.groupBy("customer_key").agg(
                max("event_date").as("last_event"),
                min("event_date").as("first_event"),
                count(when(service.and(col("event_date").gt(yearStart)), 1)).as("service_visits_12m"),
                count(when(service.and(inWindow), 1)).as("service_visits_24m"),
                coalesce(sum(when(service.and(inWindow), col("amount"))), lit(0.0)).as("service_spend_24m"),
                count(when(col("is_service").equalTo(0).and(inWindow), 1)).as("purchases_24m"),
                min(when(service.and(inWindow), col("event_date"))).as("first_visit_24m"),
                max(when(service, col("event_date"))).as("last_visit"),
                max_by(col("store_id"), col("event_date")).as("home_store_id"))
                .filter(col("last_event").gt(windowStart));

        Dataset<Row> complaints = inputs.interactions()
                .filter(col("customer_key").isNotNull().and(col("interaction_date").leq(t))
                        .and(col("interaction_date").gt(windowStart)))
                .groupBy("customer_key").agg(
                        count(when(col("interaction_type").equalTo("complaint"), 1)).as("complaints_24m"),
                        count(when(col("interaction_type").equalTo("complaint")
                                .and(col("resolved_date").isNull().or(col("resolved_date").gt(t))), 1)).as("unresolved_complaints"),
                        avg(when(col("interaction_type").equalTo("survey"), col("score"))).as("mean_survey_score"));

        Dataset<Row> vehicles = inputs.vehicles()
                .filter(col("customer_key").isNotNull().and(col("purchase_date").isNull().or(col("purchase_date").leq(t))))
                .groupBy("customer_key").agg(count_distinct(col("vin")).as("vehicles"));

        // Two visits on one day give a zero interval: no usable rhythm, so null, as for a single visit.
        Column span = datediff(col("last_visit"), col("first_visit_24m"));
        Column interval = when(col("service_visits_24m").gt(1).and(span.gt(0)),
                span.divide(col("service_visits_24m").minus(1)));
        return activity
                .join(complaints, "customer_key", "left")
                .join(vehicles, "customer_key", "left")
                .select(
                        t.as("snapshot_date"),
                        col("customer_key"),
                        col("home_store_id"),
                        datediff(t, col("last_event")).as("days_since_last_visit"),
                        col("service_visits_12m").cast("int").as("service_visits_12m"),
                        col("service_visits_24m").cast("int").as("service_visits_24m"),
                        col("service_spend_24m"),
                        col("purchases_24m").cast("int").as("purchases_24m"),
                        interval.cast("double").as("mean_visit_interval_days"),
                        datediff(t, coalesce(col("last_visit"), col("last_event")))
                                .divide(coalesce(interval, lit(365.0))).as("overdue_ratio"),
                        coalesce(col("complaints_24m"), lit(0)).cast("int").as("complaints_24m"),
                        coalesce(col("unresolved_complaints"), lit(0)).cast("int").as("unresolved_complaints"),
                        col("mean_survey_score"),
                        coalesce(col("vehicles"), lit(0)).cast("int").as("vehicles"),
                        datediff(t, col("first_event")).as("tenure_days"));
    }

    /**
     * Churn labels for the customers active at {@code cutoff}: 1 when they had no service visit and
     * no purchase in the churn window after it. Only meaningful when that window has passed.
     */
    public Dataset<Row> labels(CoreInputs inputs, Dataset<Row> features, LocalDate cutoff) {
        Column from = lit(Date.valueOf(cutoff));
        Column to = lit(Date.valueOf(cutoff.plusMonths(definitions.churnMonths())));
        Dataset<Row> returned = inputs.serviceOrders().select(col("customer_key"), col("open_date").as("d"))
                .unionByName(inputs.sales().select(col("customer_key"), col("order_date").as("d")))
                .filter(col("d").gt(from).and(col("d").leq(to)))
                .select("customer_key").distinct().withColumn("returned", lit(1));
        return features.join(returned, "customer_key", "left")
                .withColumn("churned", when(col("returned").isNull(), 1).otherwise(0))
                .drop("returned");
    }
}
