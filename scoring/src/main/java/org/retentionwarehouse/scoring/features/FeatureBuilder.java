package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.retentionwarehouse.warehouse.config.RetentionSettings;

/**
 * Point-in-time customer features as of a snapshot date T: every input is filtered to events on or
 * before T first, so nothing after T can leak in. Only customers active at T (a service visit or a
 * purchase in the active window before T) get a row. Each group of features is one small function
 * of the filtered inputs; {@link #build} joins them.
 */
public final class FeatureBuilder {

    /** The model inputs, in the order the model sees them. */
    public static final List<String> MODEL_FEATURES = List.of("days_since_last_visit", "service_visits_12m",
            "service_visits_24m", "service_spend_24m", "purchases_24m", "mean_visit_interval_days", "overdue_ratio",
            "complaints_24m", "unresolved_complaints", "mean_survey_score", "vehicles", "tenure_days",
            "days_since_last_service", "maintenance_visits_24m", "repair_visits_24m", "maintenance_delay_days",
            "km_per_day", "maintenance_overdue_days", "newest_vehicle_age_years", "in_warranty", "stores_visited_24m",
            "consultations_12m", "days_since_last_contact", "callback_refusal_rate", "last_survey_score",
            "quick_resolved_complaints_24m", "oldest_open_complaint_days", "p_alive", "expected_visits_12m", "commercial");

    /**
     * Occasions for a call, not model inputs: days from T to the next insurance renewal and
     * inspection of the customer's vehicles and to the birthday. When they fall says nothing
     * about whether a customer stays, only when a call has a reason.
     */
    public static final List<String> OCCASIONS = List.of("days_to_insurance_renewal", "days_to_inspection", "days_to_birthday");

    /** Maintenance schedule of the brands served: first service after 5,000 km or 183 days, then every 10,000 km or 365 days. */
    private static final double FIRST_INTERVAL_KM = 5_000;
    private static final double FIRST_INTERVAL_DAYS = 183;
    private static final double INTERVAL_KM = 10_000;
    private static final double INTERVAL_DAYS = 365;
    /** Mileage rate assumed for a vehicle without two readings (a typical private car). */
    private static final double DEFAULT_KM_PER_DAY = 42;
    private static final int QUICK_RESOLUTION_DAYS = 14;
    private static final int WARRANTY_YEARS = 3;
    private static final int TRAINING_CUTOFFS = 4;
    /** Inspections come every two years while a car is younger than this, then every year. */
    private static final int BIENNIAL_INSPECTION_YEARS = 6;

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
                .select(col("customer_key"), col("store_id"), col("vin"), col("open_date").as("event_date"),
                        col("amount").cast("double").as("amount"), col("mileage"), col("service_type"),
                        lit(1).as("is_service"));
        Dataset<Row> sales = inputs.sales()
                .filter(col("customer_key").isNotNull().and(col("order_date").leq(t)))
                .select(col("customer_key"), col("store_id"), col("vin"), col("order_date").as("event_date"),
                        col("amount").cast("double").as("amount"), lit(null).cast("int").as("mileage"),
                        lit("sale").as("service_type"), lit(0).as("is_service"));
        Dataset<Row> events = visits.unionByName(sales);
        Dataset<Row> interactions = inputs.interactions()
                .filter(col("customer_key").isNotNull().and(col("interaction_date").leq(t)));

        return roundDoubles(activity(events, windowStart, yearStart)
                .join(serviceMix(visits, windowStart), "customer_key", "left")
                .join(maintenance(visits, inputs.vehicles(), events, t, windowStart), "customer_key", "left")
                .join(complaints(interactions, t, windowStart), "customer_key", "left")
                .join(care(interactions, t, windowStart, yearStart), "customer_key", "left")
                .join(LifetimeValueFeatures.of(visits, snapshot), "customer_key", "left")
                .join(vehicleOccasions(events, inputs.vehicles(), t, windowStart), "customer_key", "left")
                .join(profile(inputs.customers(), t), "customer_key", "left")
                .select(
                        t.as("snapshot_date"),
                        col("customer_key"),
                        col("home_store_id"),
                        datediff(t, col("last_event")).as("days_since_last_visit"),
                        col("service_visits_12m").cast("int").as("service_visits_12m"),
                        col("service_visits_24m").cast("int").as("service_visits_24m"),
                        col("service_spend_24m"),
                        col("purchases_24m").cast("int").as("purchases_24m"),
                        col("mean_visit_interval_days"),
                        datediff(t, coalesce(col("last_visit"), col("last_event")))
                                .divide(coalesce(col("mean_visit_interval_days"), lit(365.0))).as("overdue_ratio"),
                        zero("complaints_24m"),
                        zero("unresolved_complaints"),
                        col("mean_survey_score"),
                        zero("vehicles"),
                        datediff(t, col("first_event")).as("tenure_days"),
                        datediff(t, col("last_visit")).as("days_since_last_service"),
                        zero("maintenance_visits_24m"),
                        zero("repair_visits_24m"),
                        col("maintenance_delay_days"),
                        col("km_per_day"),
                        col("maintenance_overdue_days"),
                        col("newest_vehicle_age_years"),
                        when(col("newest_vehicle_age_years").lt(WARRANTY_YEARS), 1).otherwise(0).as("in_warranty"),
                        col("stores_visited_24m").cast("int").as("stores_visited_24m"),
                        zero("consultations_12m"),
                        col("days_since_last_contact"),
                        col("callback_refusal_rate"),
                        col("last_survey_score"),
                        zero("quick_resolved_complaints_24m"),
                        col("oldest_open_complaint_days"),
                        col("p_alive"),
                        col("expected_visits_12m"),
                        col("clv_12m"),
                        zero("commercial"),
                        col("days_to_insurance_renewal"),
                        col("days_to_inspection"),
                        col("days_to_birthday")));
    }

    /**
     * Sums and means of doubles come out of Spark in whatever order the partitions arrive, so the
     * same night run twice could differ in the last bit and the scores and ranks built on them too.
     * Rounded to a millionth, a re-run reproduces every feature exactly.
     */
    private static Dataset<Row> roundDoubles(Dataset<Row> features) {
        return features.select(java.util.Arrays.stream(features.schema().fields())
                .map(f -> f.dataType().equals(DataTypes.DoubleType) ? round(col(f.name()), 6).as(f.name()) : col(f.name()))
                .toArray(Column[]::new));
    }

    /** Recency, frequency and value of visits and purchases; the active-window filter. */
    private static Dataset<Row> activity(Dataset<Row> events, Column windowStart, Column yearStart) {
        Column service = col("is_service").equalTo(1);
        Column inWindow = col("event_date").gt(windowStart);
        Dataset<Row> summary = events.groupBy("customer_key").agg(
                max("event_date").as("last_event"),
                min("event_date").as("first_event"),
                count(when(service.and(col("event_date").gt(yearStart)), 1)).as("service_visits_12m"),
                count(when(service.and(inWindow), 1)).as("service_visits_24m"),
                coalesce(sum(when(service.and(inWindow), col("amount"))), lit(0.0)).as("service_spend_24m"),
                count(when(col("is_service").equalTo(0).and(inWindow), 1)).as("purchases_24m"),
                min(when(service.and(inWindow), col("event_date"))).as("first_visit_24m"),
                max(when(service, col("event_date"))).as("last_visit"),
                count_distinct(when(inWindow, col("store_id"))).as("stores_visited_24m"),
                max_by(col("store_id"), col("event_date")).as("home_store_id"))
                .filter(col("last_event").gt(windowStart));
        // Two visits on one day give a zero interval: no usable rhythm, so null, as for a single visit.
        Column span = datediff(col("last_visit"), col("first_visit_24m"));
        return summary.withColumn("mean_visit_interval_days", when(col("service_visits_24m").gt(1).and(span.gt(0)),
                span.divide(col("service_visits_24m").minus(1))).cast("double"));
    }

    /** Maintenance against other workshop visits (repairs and accidents go to the dealer by choice). */
    private static Dataset<Row> serviceMix(Dataset<Row> visits, Column windowStart) {
        Column inWindow = col("event_date").gt(windowStart);
        return visits.groupBy("customer_key").agg(
                count(when(inWindow.and(col("service_type").equalTo("maintenance")), 1)).as("maintenance_visits_24m"),
                count(when(inWindow.and(col("service_type").isin("repair", "accident")), 1)).as("repair_visits_24m"));
    }

    /**
     * The customer's own maintenance rhythm: mileage rate per vehicle from its readings, how late
     * each maintenance came against the schedule (by time or distance, whichever first), and how
     * overdue the next one is at T, over the vehicles seen in the active window; vehicle age.
     */
    private static Dataset<Row> maintenance(Dataset<Row> visits, Dataset<Row> vehicles, Dataset<Row> events, Column t,
                                            Column windowStart) {
        Dataset<Row> rate = visits.filter(col("mileage").isNotNull())
                .groupBy("customer_key", "vin").agg(
                        min("event_date").as("first_reading"), max("event_date").as("last_reading"),
                        min("mileage").as("min_km"), max("mileage").as("max_km"))
                .filter(datediff(col("last_reading"), col("first_reading")).geq(30).and(col("max_km").gt(col("min_km"))))
                .select(col("customer_key"), col("vin"), col("max_km").minus(col("min_km"))
                        .divide(datediff(col("last_reading"), col("first_reading"))).as("vin_km_per_day"));

        var byVin = Window.partitionBy("customer_key", "vin").orderBy("event_date");
        Dataset<Row> services = visits.filter(col("service_type").equalTo("maintenance"))
                .select(col("customer_key"), col("vin"), col("event_date"), col("mileage"))
                .withColumn("previous_date", lag("event_date", 1).over(byVin))
                .withColumn("previous_km", lag("mileage", 1).over(byVin));
        Column interval = datediff(col("event_date"), col("previous_date"));
        Column kmDriven = col("mileage").minus(col("previous_km"));
        // Days the visit came after the due date: the interval less the schedule's time or distance limit.
        Column scheduled = when(kmDriven.gt(0), least(lit(INTERVAL_DAYS), interval.multiply(INTERVAL_KM).divide(kmDriven)))
                .otherwise(lit(INTERVAL_DAYS));
        Dataset<Row> delays = services.filter(col("previous_date").isNotNull().and(interval.gt(0)))
                .groupBy("customer_key").agg(avg(interval.minus(scheduled)).as("maintenance_delay_days"));

        Dataset<Row> lastMaintenance = services.groupBy("customer_key", "vin").agg(max("event_date").as("last_maintenance"));
        Dataset<Row> attributes = vehicles.select(col("vin"), col("purchase_date"), col("model_year"));
        Dataset<Row> vins = events.filter(col("event_date").gt(windowStart))
                .groupBy("customer_key", "vin").agg(min("event_date").as("first_seen"))
                .join(attributes, keys("vin"), "left")
                .join(lastMaintenance, keys("customer_key", "vin"), "left")
                .join(rate, keys("customer_key", "vin"), "left");
        Column kmPerDay = coalesce(col("vin_km_per_day"), lit(DEFAULT_KM_PER_DAY));
        Column purchased = coalesce(col("purchase_date"), col("first_seen"));
        Column due = when(col("last_maintenance").isNotNull(),
                datediff(t, col("last_maintenance")).minus(least(lit(INTERVAL_DAYS), lit(INTERVAL_KM).divide(kmPerDay))))
                .otherwise(datediff(t, purchased).minus(least(lit(FIRST_INTERVAL_DAYS), lit(FIRST_INTERVAL_KM).divide(kmPerDay))));
        // A used car arrives with its model year well before the purchase.
        Column age = datediff(t, purchased).divide(365.25)
                .plus(greatest(lit(0), year(purchased).minus(col("model_year"))));
        return vins.groupBy("customer_key").agg(
                max(due).cast("double").as("maintenance_overdue_days"),
                avg(col("vin_km_per_day")).as("km_per_day"),
                min(age).as("newest_vehicle_age_years"),
                count_distinct(col("vin")).as("vehicles"))
                .join(delays, "customer_key", "left");
    }

    /** Complaints in the active window: how many, how many still open at T and for how long, how many resolved quickly. */
    private static Dataset<Row> complaints(Dataset<Row> interactions, Column t, Column windowStart) {
        Column open = col("resolved_date").isNull().or(col("resolved_date").gt(t));
        return interactions.filter(col("interaction_type").equalTo("complaint").and(col("interaction_date").gt(windowStart)))
                .groupBy("customer_key").agg(
                        count(lit(1)).as("complaints_24m"),
                        count(when(open, 1)).as("unresolved_complaints"),
                        max(when(open, datediff(t, col("interaction_date")))).as("oldest_open_complaint_days"),
                        count(when(col("resolved_date").leq(t).and(datediff(col("resolved_date"), col("interaction_date"))
                                .leq(QUICK_RESOLUTION_DAYS)), 1)).as("quick_resolved_complaints_24m"));
    }

    /**
     * Customer care: surveys and call-back outcomes after visits, and the customer's own contacts
     * (questions, complaints); birthday care is the store's initiative and says nothing about the customer.
     */
    private static Dataset<Row> care(Dataset<Row> interactions, Column t, Column windowStart, Column yearStart) {
        Column type = col("interaction_type");
        Column inWindow = col("interaction_date").gt(windowStart);
        Column callback = type.equalTo("callback").and(inWindow);
        return interactions.groupBy("customer_key").agg(
                avg(when(type.equalTo("survey").and(inWindow), col("score"))).as("mean_survey_score"),
                max_by(when(type.equalTo("survey"), col("score")), when(type.equalTo("survey"), col("interaction_date")))
                        .cast("double").as("last_survey_score"),
                count(when(type.equalTo("consultation").and(col("interaction_date").gt(yearStart)), 1)).as("consultations_12m"),
                max(when(type.isin("consultation", "complaint"), col("interaction_date"))).as("last_contact"),
                count(when(callback.and(col("outcome").equalTo("refused")), 1)).as("refused"),
                count(when(callback, 1)).as("callbacks"))
                .withColumn("callback_refusal_rate", when(col("callbacks").gt(0), col("refused").divide(col("callbacks"))))
                .withColumn("days_since_last_contact", datediff(t, col("last_contact")))
                .drop("last_contact", "refused", "callbacks");
    }

    /**
     * Days to the next insurance renewal and inspection of the vehicles seen in the active window.
     * Only the recorded dates' place in the yearly (or two-yearly) cycle is used: a date recorded
     * after a later renewal says as much about T as the one recorded before it.
     */
    private static Dataset<Row> vehicleOccasions(Dataset<Row> events, Dataset<Row> vehicles, Column t, Column windowStart) {
        Column inspectionCycle = when(year(t).minus(col("model_year")).lt(BIENNIAL_INSPECTION_YEARS), 2).otherwise(1);
        return events.filter(col("event_date").gt(windowStart)).select("customer_key", "vin").distinct()
                .join(vehicles.select("vin", "model_year", "insurance_expiry", "inspection_due"), "vin")
                .groupBy("customer_key").agg(
                        min(datediff(nextOccurrence(col("insurance_expiry"), t, lit(1)), t)).as("days_to_insurance_renewal"),
                        min(datediff(nextOccurrence(col("inspection_due"), t, inspectionCycle), t)).as("days_to_inspection"));
    }

    /** What the golden record says that does not change with time: a commercial customer, and days to the birthday. */
    private static Dataset<Row> profile(Dataset<Row> customers, Column t) {
        return customers.select(col("customer_key"),
                when(col("customer_type").equalTo("commercial"), 1).otherwise(0).as("commercial"),
                datediff(nextOccurrence(col("birth_date"), t, lit(1)), t).as("days_to_birthday"));
    }

    /** The first date on or after T a whole number of cycles ({@code cycleYears} long) away from {@code date}. */
    private static Column nextOccurrence(Column date, Column t, Column cycleYears) {
        Column cycles = floor(year(t).minus(year(date)).divide(cycleYears));
        Column candidate = add_months(date, cycles.multiply(cycleYears).multiply(12).cast("int"));
        return when(candidate.geq(t), candidate)
                .otherwise(add_months(date, cycles.plus(1).multiply(cycleYears).multiply(12).cast("int")));
    }

    private static scala.collection.immutable.Seq<String> keys(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
    }

    private static Column zero(String column) {
        return coalesce(col(column), lit(0)).cast("int").as(column);
    }

    /**
     * Labels of the customers active at {@code cutoff}: {@code churned} is 1 when they had no
     * service visit and no purchase in the churn window after it; {@code repurchased} is 1 when
     * they bought a vehicle in the repurchase window after it. Only meaningful once both windows
     * have passed.
     */
    public Dataset<Row> labels(CoreInputs inputs, Dataset<Row> features, LocalDate cutoff) {
        Column from = lit(Date.valueOf(cutoff));
        Column churnEnd = lit(Date.valueOf(cutoff.plusMonths(definitions.churnMonths())));
        Column repurchaseEnd = lit(Date.valueOf(cutoff.plusMonths(definitions.repurchaseMonths())));
        Dataset<Row> after = inputs.serviceOrders().select(col("customer_key"), col("open_date").as("d"), lit(0).as("sale"))
                .unionByName(inputs.sales().select(col("customer_key"), col("order_date").as("d"), lit(1).as("sale")))
                .filter(col("customer_key").isNotNull().and(col("d").gt(from)))
                .groupBy("customer_key").agg(
                        max(when(col("d").leq(churnEnd), 1)).as("returned"),
                        max(when(col("sale").equalTo(1).and(col("d").leq(repurchaseEnd)), 1)).as("bought"));
        return features.join(after, "customer_key", "left")
                .withColumn("churned", when(col("returned").isNull(), 1).otherwise(0))
                .withColumn("repurchased", coalesce(col("bought"), lit(0)))
                .drop("returned", "bought");
    }

    /**
     * The cutoffs a model trained on {@code date} learns from, latest first: the last one whose churn
     * and repurchase windows have passed, and earlier ones a quarter apart, which multiply the
     * examples without reaching far into the past.
     */
    public List<LocalDate> trainingCutoffs(LocalDate date) {
        LocalDate latest = date.minusMonths(Math.max(definitions.churnMonths(), definitions.repurchaseMonths()));
        return java.util.stream.IntStream.range(0, TRAINING_CUTOFFS).mapToObj(i -> latest.minusMonths(3L * i)).toList();
    }

    /** Labelled features of every cutoff in {@code cutoffs}, stacked (each cutoff's outcome window must have passed). */
    public Dataset<Row> labelledHistory(CoreInputs inputs, List<LocalDate> cutoffs) {
        Dataset<Row> all = null;
        for (LocalDate cutoff : cutoffs) {
            Dataset<Row> labelled = labels(inputs, build(inputs, cutoff), cutoff);
            all = all == null ? labelled : all.unionByName(labelled);
        }
        return all;
    }
}
