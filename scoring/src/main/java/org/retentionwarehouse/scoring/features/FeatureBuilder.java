package org.retentionwarehouse.scoring.features;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SessionSettings;
import org.retentionwarehouse.warehouse.table.Tables;

/**
 * Point-in-time customer features as of a snapshot date T, computed from each customer's events on
 * or before T only ({@link CustomerHistory}), so nothing after T can leak in. Only customers active
 * at T (a service visit or a purchase in the active window before T) get a row.
 */
public final class FeatureBuilder {

    /**
     * The version of the features' definitions, raised when a release changes what a feature means,
     * so that the models trained on the old meaning are retrained ({@code recipe_changed}). 2: a car
     * the customer no longer has stops driving the maintenance, mileage, age, insurance and inspection
     * features. 3: a new car's purchase starts its maintenance schedule, so the first maintenance's
     * delay counts in {@code maintenance_delay_days}.
     */
    public static final int DEFINITIONS = 3;

    /**
     * The model inputs, in the order the model sees them. The features' table holds four more that
     * describe a customer but did not help the models on the simulator's groups
     * ({@code sales_spend_24m}, {@code visit_interval_cv}, {@code estimated_mileage_km},
     * {@code mean_resolution_days_24m}: with them the churn backtest's AUC fell by 0.0004-0.002,
     * BENCHMARKS.md). They are there for analysts, and for a group whose customers they tell apart.
     * The six after {@code oldest_open_complaint_days} read loyalty from what it drives: coming when
     * maintenance falls due, how soon, and how late when not, liking the store more than its other
     * customers do, signs of life in a silence, and the inspection done at the dealer (+0.005 AUC
     * together, BENCHMARKS.md).
     */
    public static final List<String> MODEL_FEATURES = List.of("days_since_last_visit", "service_visits_12m",
            "service_visits_24m", "service_spend_24m", "purchases_24m", "mean_visit_interval_days", "overdue_ratio",
            "complaints_24m", "unresolved_complaints", "mean_survey_score", "vehicles", "tenure_days",
            "days_since_last_service", "maintenance_visits_24m", "repair_visits_24m", "maintenance_delay_days",
            "km_per_day", "maintenance_overdue_days", "newest_vehicle_age_years", "in_warranty", "stores_visited_24m",
            "consultations_12m", "days_since_last_contact", "callback_refusal_rate", "last_survey_score",
            "quick_resolved_complaints_24m", "oldest_open_complaint_days", "maintenance_on_time_share",
            "prompt_maintenance_delay_days", "late_maintenance_days", "survey_score_vs_store", "days_since_alive_evidence",
            "inspection_visits_24m", "p_alive", "expected_visits_12m", "commercial");

    /**
     * Occasions for a call, not model inputs: days from T to the next insurance renewal and
     * inspection of the customer's vehicles and to the birthday. When they fall says nothing
     * about whether a customer stays, only when a call has a reason.
     */
    public static final List<String> OCCASIONS = List.of("days_to_insurance_renewal", "days_to_inspection", "days_to_birthday");

    private static final int TRAINING_CUTOFFS = 4;

    private final RetentionSettings.Definitions definitions;

    public FeatureBuilder(RetentionSettings.Definitions definitions) {
        this.definitions = definitions;
    }

    /** The definitions of activity and of the churn and repurchase labels these features follow. */
    public RetentionSettings.Definitions definitions() {
        return definitions;
    }

    /**
     * The columns of {@link #build}'s rows: those of {@code marts.customer_features}, then the golden
     * record's current {@code tier} and {@code customer_type}, which tonight's scores carry. They are
     * not features (they may have changed since an earlier snapshot), and the features' table drops
     * them; carried here, the scores need no join to a million golden records.
     */
    public static final StructType WITH_PROFILE = Tables.CUSTOMER_FEATURES.schema()
            .add("tier", DataTypes.StringType, true)
            .add("customer_type", DataTypes.StringType, true);

    /**
     * Features of every customer active at {@code snapshot}, in the columns of {@link #WITH_PROFILE},
     * computed and persisted as {@link #build(CoreInputs, List)}'s are.
     */
    public Dataset<Row> build(CoreInputs inputs, LocalDate snapshot) {
        return build(inputs, List.of(snapshot));
    }

    /**
     * Features of every customer active at each of {@code snapshots}, stacked, in the columns of
     * {@link #WITH_PROFILE}. One pass serves them all: every customer's events are brought together
     * once ({@link CustomerEvents}, one shuffle by customer) and folded at each snapshot in turn
     * ({@link CustomerHistory}), so a model's training history costs about as much as one night. The
     * lifetime-value models are then fitted on the driver to every customer's visits at each
     * snapshot, and their figures added to each row.
     *
     * <p>The frame comes back computed and persisted (memory and disk): unpersist it when done. The
     * folded rows are persisted only between the fit and the figures, so the events are shuffled once.
     */
    public Dataset<Row> build(CoreInputs inputs, List<LocalDate> snapshots) {
        SparkSession spark = inputs.serviceOrders().sparkSession();
        List<LocalDate> dates = snapshots.stream().distinct().sorted().toList();
        if (dates.isEmpty()) {
            return spark.createDataFrame(List.of(), WITH_PROFILE);
        }
        return SessionSettings.with(spark, FOLD_SETTINGS, () -> {
            Dataset<Row> folded = CustomerEvents.byCustomer(CustomerEvents.of(inputs, dates.get(dates.size() - 1)))
                    .mapPartitions(new Fold(snapshots(inputs, dates)), Encoders.row(FOLDED))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Map<LocalDate, LifetimeValueFeatures.Fitted> fitted = LifetimeValueFeatures.fit(folded
                        .filter(col("visit_days").isNotNull())
                        .select("snapshot_date", "visit_days", "visit_span", "visit_age", "visit_cents", "first_day_cents")
                        .collectAsList());
                return computed(roundDoubles(folded.filter(col("active"))
                        .map(new WithLifetimeValue(fitted), Encoders.row(WITH_PROFILE))));
            } finally {
                folded.unpersist();
            }
        });
    }

    /**
     * The session's settings while the features are computed, restored after: they suit the fold and
     * its caches, not the rest of a night.
     *
     * <p>HotSpot leaves a method over 8,000 bytes of bytecode to the interpreter. Turning the fold's
     * forty-odd Java columns back into Spark rows made two, which ran interpreted: a million
     * customers' features took 54-60 s warm instead of 40-44 s. Over this limit Spark runs that part
     * of the plan without whole-stage code generation, whose per-operator code the JIT does compile,
     * as Spark's docs advise on HotSpot. For the whole session it also took the code generation from
     * the wide change checks of a million customers' ingest, which then ran 1.8 times as long.
     *
     * <p>The folded rows and the features are cached uncompressed ({@link SessionSettings#COMPRESSED_CACHE}).
     * A million customers' scoring nights peaked at 7.1-7.6 GB either way; a training night, which
     * caches ten snapshots' rows, at 15.0 GB instead of 13.9 GB (BENCHMARKS.md).
     */
    private static final Map<String, String> FOLD_SETTINGS = Map.of("spark.sql.codegen.hugeMethodLimit", "8000",
            SessionSettings.COMPRESSED_CACHE, "false");

    /**
     * The snapshots of {@code dates}, with the stores' survey means: a few thousand store-days,
     * cumulated on the driver rather than all the surveys looked up for every customer.
     */
    private List<CustomerHistory.Snapshot> snapshots(CoreInputs inputs, List<LocalDate> dates) {
        List<StoreSurveyMeans.StoreDay> storeDays = inputs.interactions()
                .filter(col("interaction_type").equalTo("survey").and(col("score").isNotNull())
                        .and(col("interaction_date").leq(lit(Date.valueOf(dates.get(dates.size() - 1))))))
                .groupBy("store_id", "interaction_date")
                .agg(sum("score").as("scores"), count(lit(1)).as("surveys"))
                .collectAsList().stream()
                .map(r -> new StoreSurveyMeans.StoreDay(r.getString(0), (int) r.getDate(1).toLocalDate().toEpochDay(),
                        r.getLong(2), r.getLong(3)))
                .toList();
        StoreSurveyMeans means = StoreSurveyMeans.of(storeDays);
        return dates.stream().map(date -> CustomerHistory.Snapshot.of(date, definitions.activeMonths(), means)).toList();
    }

    /** {@code rows} persisted and computed, so that what they were computed from can be let go. */
    private static Dataset<Row> computed(Dataset<Row> rows) {
        Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
        persisted.count();
        return persisted;
    }

    /**
     * The columns of {@link #WITH_PROFILE} (nullable: a customer who is not active has only the key,
     * the date and the profile) and what goes on to the lifetime value: whether the customer is
     * active, and their visits ({@link CustomerHistory.Visits}; null when they had none).
     */
    private static final StructType FOLDED = nullable(WITH_PROFILE)
            .add("active", DataTypes.BooleanType, false)
            .add("visit_days", DataTypes.IntegerType, true)
            .add("visit_span", DataTypes.IntegerType, true)
            .add("visit_age", DataTypes.IntegerType, true)
            .add("visit_cents", DataTypes.LongType, true)
            .add("first_day_cents", DataTypes.LongType, true);
    /** The features' columns, then the profile's two: {@link #WITH_PROFILE}. */
    private static final int COLUMNS = Tables.CUSTOMER_FEATURES.schema().size();
    private static final int WIDTH = WITH_PROFILE.size();
    /** Where the folded rows say whether the customer is active, and where their visits start. */
    private static final int ACTIVE = WIDTH;
    private static final int VISITS = WIDTH + 1;

    private static StructType nullable(StructType schema) {
        return new StructType(java.util.Arrays.stream(schema.fields())
                .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true)).toArray(StructField[]::new));
    }

    /**
     * Each customer's rows folded into their features at every snapshot. The rows come sorted by
     * {@link CustomerEvents#KEY_HASH}, so a customer's rows are adjacent, unless another customer has
     * the same hash: a run of rows with one hash is split by key.
     */
    static final class Fold implements MapPartitionsFunction<Row, Row> {
        private final List<CustomerHistory.Snapshot> snapshots;

        Fold(List<CustomerHistory.Snapshot> snapshots) {
            this.snapshots = snapshots;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private final Deque<Row> ready = new ArrayDeque<>();
                private Row next = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    while (ready.isEmpty() && next != null) {
                        long hash = next.getLong(CustomerEvents.KEY_HASH);
                        List<Row> run = new ArrayList<>();
                        run.add(next);
                        next = null;
                        while (rows.hasNext()) {
                            Row row = rows.next();
                            if (row.getLong(CustomerEvents.KEY_HASH) != hash) {
                                next = row;
                                break;
                            }
                            run.add(row);
                        }
                        byKey(run).forEach(this::fold);
                    }
                    return !ready.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return ready.poll();
                }

                /** The run's rows by customer: nearly always one. */
                private Map<String, List<Row>> byKey(List<Row> run) {
                    String first = run.get(0).getString(CustomerEvents.KEY);
                    if (run.stream().allMatch(r -> r.getString(CustomerEvents.KEY).equals(first))) {
                        return Map.of(first, run);
                    }
                    Map<String, List<Row>> customers = new java.util.LinkedHashMap<>();
                    run.forEach(r -> customers.computeIfAbsent(r.getString(CustomerEvents.KEY), k -> new ArrayList<>()).add(r));
                    return customers;
                }

                private void fold(String key, List<Row> customer) {
                    CustomerHistory history = new CustomerHistory(key, customer);
                    String[] profile = history.currentProfile();
                    for (CustomerHistory.Snapshot snapshot : snapshots) {
                        CustomerHistory.Features features = history.at(snapshot);
                        if (features == null) {
                            continue;
                        }
                        Object[] row = new Object[VISITS + 5];
                        if (features.columns() != null) {
                            System.arraycopy(features.columns(), 0, row, 0, COLUMNS);
                        } else {
                            row[0] = snapshot.date();
                            row[1] = key;
                        }
                        System.arraycopy(profile, 0, row, COLUMNS, WIDTH - COLUMNS);
                        row[ACTIVE] = features.active();
                        if (features.visits() != null) {
                            features.visits().write(row, VISITS);
                        }
                        ready.add(RowFactory.create(row));
                    }
                }
            };
        }
    }

    /**
     * A folded row of an active customer with the lifetime-value figures of its snapshot's fit, in the
     * columns of {@link #WITH_PROFILE}.
     */
    private static final class WithLifetimeValue implements MapFunction<Row, Row> {
        private static final int P_ALIVE = Tables.CUSTOMER_FEATURES.schema().fieldIndex("p_alive");
        private static final int EXPECTED_VISITS = Tables.CUSTOMER_FEATURES.schema().fieldIndex("expected_visits_12m");
        private static final int NO_VISIT = Tables.CUSTOMER_FEATURES.schema().fieldIndex("p_no_visit_12m");
        private static final int CLV = Tables.CUSTOMER_FEATURES.schema().fieldIndex("clv_12m");
        private final Map<LocalDate, LifetimeValueFeatures.Fitted> fitted;

        WithLifetimeValue(Map<LocalDate, LifetimeValueFeatures.Fitted> fitted) {
            this.fitted = fitted;
        }

        @Override
        public Row call(Row folded) {
            Object[] row = new Object[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                row[i] = folded.get(i);
            }
            LifetimeValueFeatures.Fitted fit = fitted.get(folded.getDate(0).toLocalDate());
            if (fit != null && !folded.isNullAt(VISITS)) {
                double[] figures = fit.figures(LifetimeValueFeatures.summary(folded.getString(1),
                        CustomerHistory.Visits.read(folded, VISITS)));
                if (figures != null) {
                    row[P_ALIVE] = figures[0];
                    row[EXPECTED_VISITS] = figures[1];
                    row[NO_VISIT] = figures[2];
                    row[CLV] = figures[3];
                }
            }
            return RowFactory.create(row);
        }
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

    /** Features are keyed by customer and snapshot. */
    private static final scala.collection.immutable.Seq<String> KEY =
            scala.jdk.javaapi.CollectionConverters.asScala(List.of("customer_key", "snapshot_date")).toList();

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

    /**
     * Labelled features of every cutoff in {@code cutoffs}, stacked (each cutoff's outcome window must
     * have passed), computed and persisted as {@link #build(CoreInputs, List)}'s are: unpersist them when done.
     */
    public Dataset<Row> labelledHistory(CoreInputs inputs, List<LocalDate> cutoffs) {
        Dataset<Row> features = build(inputs, cutoffs);
        try {
            return computed(labels(inputs, features));
        } finally {
            features.unpersist();
        }
    }
}
