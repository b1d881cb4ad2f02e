package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
        return build(inputs, List.of(snapshot));
    }

    /**
     * Features of every customer active at each of {@code snapshots}, stacked. One Spark plan serves
     * them all (every event paired with each snapshot on or after it, everything grouped by customer
     * and snapshot), so a model's training history costs about as many Spark jobs as one night.
     */
    public Dataset<Row> build(CoreInputs inputs, List<LocalDate> snapshots) {
        Dataset<Row> at = snapshots(inputs.serviceOrders().sparkSession(), snapshots);
        Dataset<Row> visits = inputs.serviceOrders()
                .filter(col("customer_key").isNotNull())
                .select(col("customer_key"), col("store_id"), col("vin"), col("open_date").as("event_date"),
                        col("amount").cast("double").as("amount"), col("mileage"), col("service_type"),
                        lit(1).as("is_service"));
        Dataset<Row> sales = inputs.sales()
                .filter(col("customer_key").isNotNull())
                .select(col("customer_key"), col("store_id"), col("vin"), col("order_date").as("event_date"),
                        col("amount").cast("double").as("amount"), lit(null).cast("int").as("mileage"),
                        lit("sale").as("service_type"), lit(0).as("is_service"));
        Dataset<Row> visitsAt = pair(visits, "event_date", at);
        Dataset<Row> eventsAt = pair(visits.unionByName(sales), "event_date", at);
        Dataset<Row> interactionsAt = pair(inputs.interactions().filter(col("customer_key").isNotNull()), "interaction_date", at);
        Column t = col("snapshot_date");

        return roundDoubles(activity(eventsAt)
                .join(vehicleFeatures(visits, eventsAt, inputs.vehicles(), at), KEY, "left")
                .join(care(interactionsAt), KEY, "left")
                .join(LifetimeValueFeatures.of(visitsAt), KEY, "left")
                .join(profile(inputs.customers()), "customer_key", "left")
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
                        datediff(nextOccurrence(col("birth_date"), t, lit(1)), t).as("days_to_birthday")));
    }

    /** The snapshots with the start of the active window and of the last year before each. */
    private Dataset<Row> snapshots(SparkSession spark, List<LocalDate> snapshots) {
        StructType schema = new StructType().add("snapshot_date", DataTypes.DateType, false)
                .add("window_start", DataTypes.DateType, false).add("year_start", DataTypes.DateType, false);
        List<Row> rows = snapshots.stream().distinct().map(d -> RowFactory.create(Date.valueOf(d),
                Date.valueOf(d.minusMonths(definitions.activeMonths())), Date.valueOf(d.minusMonths(12)))).toList();
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Each row of {@code rows} paired with every snapshot on or after its {@code dateColumn}, so
     * nothing after a snapshot can reach its features, with flags for the active window and the
     * last year before the snapshot.
     */
    private static Dataset<Row> pair(Dataset<Row> rows, String dateColumn, Dataset<Row> snapshots) {
        Column date = col(dateColumn);
        return rows.join(broadcast(snapshots), date.leq(col("snapshot_date")))
                .withColumn("in_window", date.gt(col("window_start")))
                .withColumn("in_year", date.gt(col("year_start")))
                .drop("window_start", "year_start");
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

    /**
     * Recency, frequency and value of visits and purchases; maintenance against other workshop visits
     * (repairs and accidents go to the dealer by choice); the active-window filter. Aggregated per
     * store first: the home store and the stores visited need a text-valued aggregate, which Spark can
     * only sort for, and sorting one row per customer and store costs a fraction of sorting every event
     * (a million customers' 5.2M events at one snapshot: 4.3 s against 5.4 s, the same features).
     */
    private static Dataset<Row> activity(Dataset<Row> events) {
        Column service = col("is_service").equalTo(1);
        Column inWindow = col("in_window");
        Dataset<Row> perStore = events.groupBy("customer_key", "snapshot_date", "store_id").agg(
                max("event_date").as("last_event"),
                min("event_date").as("first_event"),
                count(when(service.and(col("in_year")), 1)).as("service_visits_12m"),
                count(when(service.and(inWindow), 1)).as("service_visits_24m"),
                sum(when(service.and(inWindow), col("amount"))).as("service_spend_24m"),
                count(when(col("is_service").equalTo(0).and(inWindow), 1)).as("purchases_24m"),
                count(when(inWindow.and(col("service_type").equalTo("maintenance")), 1)).as("maintenance_visits_24m"),
                count(when(inWindow.and(col("service_type").isin("repair", "accident")), 1)).as("repair_visits_24m"),
                min(when(service.and(inWindow), col("event_date"))).as("first_visit_24m"),
                max(when(service, col("event_date"))).as("last_visit"),
                max(inWindow).as("active"));
        Dataset<Row> summary = perStore.groupBy("customer_key", "snapshot_date").agg(
                max("last_event").as("last_event"),
                min("first_event").as("first_event"),
                sum("service_visits_12m").as("service_visits_12m"),
                sum("service_visits_24m").as("service_visits_24m"),
                coalesce(sum("service_spend_24m"), lit(0.0)).as("service_spend_24m"),
                sum("purchases_24m").as("purchases_24m"),
                sum("maintenance_visits_24m").as("maintenance_visits_24m"),
                sum("repair_visits_24m").as("repair_visits_24m"),
                min("first_visit_24m").as("first_visit_24m"),
                max("last_visit").as("last_visit"),
                count(when(col("active"), 1)).as("stores_visited_24m"),
                // Ties (two stores on the last day) broken by the store id, or a re-run could move the customer.
                max_by(col("store_id"), struct(col("last_event"), col("store_id"))).as("home_store_id"),
                max("active").as("active"))
                .filter(col("active")).drop("active");
        // Two visits on one day give a zero interval: no usable rhythm, so null, as for a single visit.
        Column span = datediff(col("last_visit"), col("first_visit_24m"));
        return summary.withColumn("mean_visit_interval_days", when(col("service_visits_24m").gt(1).and(span.gt(0)),
                span.divide(col("service_visits_24m").minus(1))).cast("double"));
    }

    /**
     * The customer's own maintenance rhythm over the vehicles seen in the active window: mileage
     * rate per vehicle from its readings, how late each maintenance came against the schedule (by
     * time or distance, whichever first), and how overdue the next one is at T; vehicle age; and
     * the occasions for a call, days from T to the next insurance renewal and inspection. Only the
     * recorded dates' place in the yearly (or two-yearly) cycle is used: a date recorded after a
     * later renewal says as much about T as the one recorded before it.
     */
    private static Dataset<Row> vehicleFeatures(Dataset<Row> visits, Dataset<Row> eventsAt, Dataset<Row> vehicles,
                                                Dataset<Row> snapshots) {
        Column t = col("snapshot_date");
        // A maintenance's predecessor comes before it, so it is the same at every snapshot that sees both:
        // the intervals are worked out once, then paired with the snapshots.
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
        Dataset<Row> delays = pair(services, "event_date", snapshots)
                .filter(col("previous_date").isNotNull().and(interval.gt(0)))
                .groupBy("customer_key", "snapshot_date").agg(avg(interval.minus(scheduled)).as("maintenance_delay_days"));

        // One row per customer, snapshot and vehicle seen in the window, in one pass over the events
        // (a null VIN is a vehicle nobody can look up: it counts for the window, not for readings).
        Column known = col("vin").isNotNull();
        Column reading = known.and(col("mileage").isNotNull());
        Column readingDays = datediff(col("last_reading"), col("first_reading"));
        Dataset<Row> seen = eventsAt.groupBy("customer_key", "snapshot_date", "vin").agg(
                        min(when(col("in_window"), col("event_date"))).as("first_seen"),
                        max(when(known.and(col("service_type").equalTo("maintenance")), col("event_date"))).as("last_maintenance"),
                        min(when(reading, col("event_date"))).as("first_reading"),
                        max(when(reading, col("event_date"))).as("last_reading"),
                        min(when(reading, col("mileage"))).as("min_km"),
                        max(when(reading, col("mileage"))).as("max_km"))
                .filter(col("first_seen").isNotNull())
                .withColumn("vin_km_per_day", when(readingDays.geq(30).and(col("max_km").gt(col("min_km"))),
                        col("max_km").minus(col("min_km")).divide(readingDays)))
                .join(vehicles.select("vin", "purchase_date", "model_year", "insurance_expiry", "inspection_due"),
                        keys("vin"), "left");

        Column kmPerDay = coalesce(col("vin_km_per_day"), lit(DEFAULT_KM_PER_DAY));
        Column purchased = coalesce(col("purchase_date"), col("first_seen"));
        Column due = when(col("last_maintenance").isNotNull(),
                datediff(t, col("last_maintenance")).minus(least(lit(INTERVAL_DAYS), lit(INTERVAL_KM).divide(kmPerDay))))
                .otherwise(datediff(t, purchased).minus(least(lit(FIRST_INTERVAL_DAYS), lit(FIRST_INTERVAL_KM).divide(kmPerDay))));
        // A used car arrives with its model year well before the purchase.
        Column age = datediff(t, purchased).divide(365.25)
                .plus(greatest(lit(0), year(purchased).minus(col("model_year"))));
        Column inspectionCycle = when(year(t).minus(col("model_year")).lt(BIENNIAL_INSPECTION_YEARS), 2).otherwise(1);
        return seen.groupBy("customer_key", "snapshot_date").agg(
                        max(due).cast("double").as("maintenance_overdue_days"),
                        avg(col("vin_km_per_day")).as("km_per_day"),
                        min(age).as("newest_vehicle_age_years"),
                        count(col("vin")).as("vehicles"),
                        min(datediff(nextOccurrence(col("insurance_expiry"), t, lit(1)), t)).as("days_to_insurance_renewal"),
                        min(datediff(nextOccurrence(col("inspection_due"), t, inspectionCycle), t)).as("days_to_inspection"))
                .join(delays, KEY, "left");
    }

    /**
     * Customer care: surveys and call-back outcomes after visits, and the customer's own contacts
     * (questions, complaints); birthday care is the store's initiative and says nothing about the
     * customer. Complaints in the active window: how many, how many still open at T and for how long,
     * how many resolved quickly.
     */
    private static Dataset<Row> care(Dataset<Row> interactions) {
        Column t = col("snapshot_date");
        Column type = col("interaction_type");
        Column inWindow = col("in_window");
        Column callback = type.equalTo("callback").and(inWindow);
        Column complaint = type.equalTo("complaint").and(inWindow);
        Column open = complaint.and(col("resolved_date").isNull().or(col("resolved_date").gt(t)));
        Column quick = complaint.and(col("resolved_date").leq(t))
                .and(datediff(col("resolved_date"), col("interaction_date")).leq(QUICK_RESOLUTION_DAYS));
        return interactions.groupBy("customer_key", "snapshot_date").agg(
                count(when(complaint, 1)).as("complaints_24m"),
                count(when(open, 1)).as("unresolved_complaints"),
                max(when(open, datediff(t, col("interaction_date")))).as("oldest_open_complaint_days"),
                count(when(quick, 1)).as("quick_resolved_complaints_24m"),
                avg(when(type.equalTo("survey").and(inWindow), col("score"))).as("mean_survey_score"),
                max(when(type.equalTo("survey"), dayAndScore(col("interaction_date"), col("score")))).as("last_survey"),
                count(when(type.equalTo("consultation").and(col("in_year")), 1)).as("consultations_12m"),
                max(when(type.isin("consultation", "complaint"), col("interaction_date"))).as("last_contact"),
                count(when(callback.and(col("outcome").equalTo("refused")), 1)).as("refused"),
                count(when(callback, 1)).as("callbacks"))
                .withColumn("callback_refusal_rate", when(col("callbacks").gt(0), col("refused").divide(col("callbacks"))))
                .withColumn("days_since_last_contact", datediff(col("snapshot_date"), col("last_contact")))
                .withColumn("last_survey_score", scoreOf(col("last_survey")))
                .drop("last_contact", "refused", "callbacks", "last_survey");
    }

    /** 2^33: room below a day for every int score, shifted to start at 1, and for no score at all (0). */
    private static final long SCORES_PER_DAY = 1L << 33;

    /**
     * A survey's day and score in one long, ordered as the pair (day, score) is with a missing score
     * lowest, so that the largest is the last survey, and of two on one day the higher score (a re-run
     * gives the same). A number, not a struct: Spark can only aggregate a struct by sorting every
     * interaction first (8.8M at a million customers: all of care took 7.4-8.9 s, this way 3.8-4.4 s).
     */
    private static Column dayAndScore(Column day, Column score) {
        return datediff(day, lit(Date.valueOf(LocalDate.EPOCH))).cast("long").multiply(SCORES_PER_DAY)
                .plus(coalesce(score.cast("long").minus(lit((long) Integer.MIN_VALUE)).plus(1), lit(0L)));
    }

    /** The score packed by {@link #dayAndScore}, as a double; null when there was none. */
    private static Column scoreOf(Column dayAndScore) {
        Column packed = pmod(dayAndScore, lit(SCORES_PER_DAY));
        return when(packed.gt(0), packed.minus(1).plus(lit((long) Integer.MIN_VALUE))).cast("double");
    }

    /** What the golden record says that does not change with time: a commercial customer, and the birth date. */
    private static Dataset<Row> profile(Dataset<Row> customers) {
        return customers.select(col("customer_key"),
                when(col("customer_type").equalTo("commercial"), 1).otherwise(0).as("commercial"), col("birth_date"));
    }

    /** The first date on or after T a whole number of cycles ({@code cycleYears} long) away from {@code date}. */
    private static Column nextOccurrence(Column date, Column t, Column cycleYears) {
        Column cycles = floor(year(t).minus(year(date)).divide(cycleYears));
        Column candidate = add_months(date, cycles.multiply(cycleYears).multiply(12).cast("int"));
        return when(candidate.geq(t), candidate)
                .otherwise(add_months(date, cycles.plus(1).multiply(cycleYears).multiply(12).cast("int")));
    }

    /** Features are keyed by customer and snapshot. */
    private static final scala.collection.immutable.Seq<String> KEY = keys("customer_key", "snapshot_date");

    private static scala.collection.immutable.Seq<String> keys(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
    }

    private static Column zero(String column) {
        return coalesce(col(column), lit(0)).cast("int").as(column);
    }

    /**
     * Labels of the customers in {@code features} at their snapshot T: {@code churned} is 1 when they
     * had no service visit and no purchase in the churn window after T; {@code repurchased} is 1 when
     * they bought a vehicle in the repurchase window after it. Only meaningful once both windows
     * have passed.
     */
    public Dataset<Row> labels(CoreInputs inputs, Dataset<Row> features) {
        Column t = col("snapshot_date");
        Column churnEnd = add_months(t, definitions.churnMonths());
        Column repurchaseEnd = add_months(t, definitions.repurchaseMonths());
        Dataset<Row> after = inputs.serviceOrders().select(col("customer_key"), col("open_date").as("d"), lit(0).as("sale"))
                .unionByName(inputs.sales().select(col("customer_key"), col("order_date").as("d"), lit(1).as("sale")))
                .filter(col("customer_key").isNotNull())
                .join(features.select("customer_key", "snapshot_date"), "customer_key")
                .filter(col("d").gt(t))
                .groupBy("customer_key", "snapshot_date").agg(
                        max(when(col("d").leq(churnEnd), 1)).as("returned"),
                        max(when(col("sale").equalTo(1).and(col("d").leq(repurchaseEnd)), 1)).as("bought"));
        return features.join(after, KEY, "left")
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

    /** The rows of {@code labelled} (collected features, possibly of several snapshots) at one of {@code snapshots}. */
    public static List<Row> at(List<Row> labelled, Collection<LocalDate> snapshots) {
        Set<Date> dates = snapshots.stream().map(Date::valueOf).collect(Collectors.toSet());
        return labelled.stream().filter(r -> dates.contains(r.<Date>getAs("snapshot_date"))).toList();
    }

    /** Labelled features of every cutoff in {@code cutoffs}, stacked (each cutoff's outcome window must have passed). */
    public Dataset<Row> labelledHistory(CoreInputs inputs, List<LocalDate> cutoffs) {
        return labels(inputs, build(inputs, cutoffs));
    }
}
