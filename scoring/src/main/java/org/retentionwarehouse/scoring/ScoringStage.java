package org.retentionwarehouse.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.scoring.explain.Reasons;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.BoostedClassifier;
import org.retentionwarehouse.scoring.model.ModelLifecycle;
import org.retentionwarehouse.scoring.model.ModelStore;
import org.retentionwarehouse.scoring.model.Target;
import org.retentionwarehouse.scoring.segments.Segments;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.spark.SessionSettings;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Night step 2: features as of the business date D, the churn and repurchase champions (new
 * challengers trained when due, see {@link ModelLifecycle}), and a score for every active
 * customer.
 */
public final class ScoringStage {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStage.class);
    /** {@code value_source}: the expected value is BG/NBD x Gamma-Gamma's, or half the last 24 months' service spend. */
    private static final String VALUE_FROM_CLV = "clv";
    private static final String VALUE_FROM_SPEND = "spend_24m";

    private final SparkSession spark;
    private final DataHome home;
    private final RetentionSettings settings;
    private final TableStore tables;
    private final FeatureBuilder features;

    public ScoringStage(SparkSession spark, DataHome home, RetentionSettings settings) {
        this.spark = spark;
        this.home = home;
        this.settings = settings;
        this.tables = new TableStore(spark);
        this.features = new FeatureBuilder(settings.definitions());
    }

    public ScoringSummary run(LocalDate date) {
        long started = System.currentTimeMillis();
        tables.createMissing();
        CoreInputs inputs = CoreInputs.from(tables);
        Dataset<Row> current = features.build(inputs, date);
        tables.replace(Tables.CUSTOMER_FEATURES, current, snapshot(date));
        long featuresMillis = System.currentTimeMillis() - started;

        ModelLifecycle models = new ModelLifecycle(spark, tables, new ModelStore(home.models()), settings.scoring(), features);
        ModelLifecycle.Champion churn = models.champion(Target.CHURN, date);
        ModelLifecycle.Trigger trigger = models.dueBeforeScoring(churn, date, current);
        if (trigger == null) {
            write(current, churn, models.champion(Target.REPURCHASE, date), date);
            if (models.scoresDrifted(churn, date)) {
                trigger = ModelLifecycle.Trigger.SCORE_DRIFT;
            }
        }
        if (trigger != null) {
            String before = churn == null ? null : churn.version();
            models.retrain(inputs, date, trigger);
            churn = models.champion(Target.CHURN, date);
            ModelLifecycle.Champion repurchase = models.champion(Target.REPURCHASE, date);
            if (trigger != ModelLifecycle.Trigger.SCORE_DRIFT || !churn.version().equals(before)
                    || repurchase != null && repurchase.trainedFor().equals(date)) {
                write(current, churn, repurchase, date);
            }
        }
        long scored = tables.read(Tables.CUSTOMER_SCORES).filter(col("snapshot_date").equalTo(lit(Date.valueOf(date)))).count();
        current.unpersist();
        ScoringSummary summary = new ScoringSummary(date, churn.version(), trigger != null, churn.registry().getAs("auc"),
                churn.registry().getAs("baseline_auc"), scored, System.currentTimeMillis() - started);
        LOG.info("scoring {}: model {}{} (holdout AUC {}, baseline {}), {} customers scored, {} ms ({} ms of it the features)", date,
                churn.version(), trigger != null ? " after training (" + trigger.id() + ")" : "", summary.auc(), summary.baselineAuc(),
                scored, summary.elapsedMillis(), featuresMillis);
        return summary;
    }

    /**
     * Scores {@code current} into tonight's partition. The scores are cached uncompressed on their way
     * to the table, as the features are: their keys and reasons are nearly all distinct (1 s of a
     * million customers' night).
     */
    private void write(Dataset<Row> current, ModelLifecycle.Champion churn, ModelLifecycle.Champion repurchase, LocalDate date) {
        SessionSettings.with(spark, Map.of(SessionSettings.COMPRESSED_CACHE, "false"), () -> tables.replace(Tables.CUSTOMER_SCORES,
                score(current, churn.model(), repurchase == null ? null : repurchase.model(), date), snapshot(date)));
    }

    private static String snapshot(LocalDate date) {
        return "t.snapshot_date = DATE '" + date + "'";
    }

    /** Churn probability with its top reasons, and the repurchase probability when there is a repurchase model. */
    private Dataset<Row> score(Dataset<Row> current, BoostedClassifier model, BoostedClassifier repurchaseModel, LocalDate date) {
        scala.reflect.ClassTag<BoostedClassifier> tag = scala.reflect.ClassTag$.MODULE$.apply(BoostedClassifier.class);
        Broadcast<BoostedClassifier> shared = spark.sparkContext().broadcast(model, tag);
        Broadcast<BoostedClassifier> sharedRepurchase = spark.sparkContext().broadcast(repurchaseModel, tag);
        // Tonight's features with the scores beside them: carried through the scoring, the features need
        // no join back to their scores, which shuffled a million customers' rows twice.
        StructType schema = current.schema()
                .add("churn_probability", DataTypes.DoubleType)
                .add("reason_codes", DataTypes.StringType)
                .add("reasons_zh", DataTypes.StringType)
                .add("reasons_en", DataTypes.StringType)
                .add("repurchase_probability", DataTypes.DoubleType);
        int width = current.schema().size();
        // BG/NBD x Gamma-Gamma value; where those could not be fitted, the customer's own recent service
        // spend rate, and value_source says which, so an analyst can tell a model's figure from a stand-in.
        Column expectedValue = coalesce(col("clv_12m"), col("service_spend_24m").divide(2));
        // In one pass over tonight's features (already cached): what the reasons' sentences compare a
        // customer with, tonight's mean of each feature (a value missing from every row leaves NaN,
        // which bears out no sentence); and the median value, which splits the value-risk quadrants
        // (every customer with features gets a score; to 1 % of the rank, as approxQuantile's 0.01).
        int features = model.features().size();
        Row stats = current.select(Stream.concat(model.features().stream().map(f -> avg(col(f))),
                Stream.of(percentile_approx(expectedValue, lit(0.5), lit(100)))).toArray(Column[]::new)).first();
        double[] usual = IntStream.range(0, features).mapToDouble(j -> stats.isNullAt(j) ? Double.NaN : stats.getDouble(j))
                .toArray();
        double median = stats.isNullAt(features) ? 0 : stats.getDouble(features);
        MapPartitionsFunction<Row, Row> predict = rows -> {
            BoostedClassifier m = shared.value();
            BoostedClassifier r = sharedRepurchase.value();
            List<Row> batch = new ArrayList<>();
            rows.forEachRemaining(batch::add);
            double[][] x = BoostedClassifier.vectors(batch, m.features());
            int[] at = batch.isEmpty() ? new int[0] : m.features().stream().mapToInt(batch.get(0).schema()::fieldIndex).toArray();
            double[] p = x.length == 0 ? new double[0] : m.predict(x);
            double[][] why = x.length == 0 ? new double[0][] : m.contributions(x);
            double[] repurchase = r == null || x.length == 0 ? null
                    : r.predict(BoostedClassifier.vectors(batch, r.features()));
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < p.length; i++) {
                Row row = batch.get(i);
                List<Reasons.Reason> top = Reasons.top(m.features(), why[i], x[i], usual, j -> !row.isNullAt(at[j]), 3);
                Object[] values = new Object[width + 5];
                for (int j = 0; j < width; j++) {
                    values[j] = row.get(j);
                }
                values[width] = p[i];
                values[width + 1] = String.join(",", top.stream().map(Reasons.Reason::code).toList());
                values[width + 2] = String.join("；", top.stream().map(Reasons.Reason::chinese).toList());
                values[width + 3] = String.join("; ", top.stream().map(Reasons.Reason::english).toList());
                values[width + 4] = repurchase == null ? null : repurchase[i];
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        };
        Dataset<Row> scored = current.mapPartitions(predict, Encoders.row(schema))
                .withColumn("expected_value_12m", expectedValue);
        long lostDays = java.time.temporal.ChronoUnit.DAYS.between(date.minusMonths(settings.definitions().lostMonths()), date);
        return scored.select(lit(Date.valueOf(date)).as("snapshot_date"), col("customer_key"), col("home_store_id"),
                        col("churn_probability"), col("expected_value_12m"),
                        col("churn_probability").multiply(col("expected_value_12m")).as("value_at_risk"),
                        lit(model.version()).as("model_version"),
                        col("p_alive"), col("expected_visits_12m"),
                        Segments.loyaltyClass(lostDays).as("loyalty_class"),
                        Segments.lifecycleClass().as("lifecycle_class"),
                        col("tier"),
                        col("customer_type").as("customer_segment"),
                        Segments.valueRiskQuadrant(median).as("value_risk_quadrant"),
                        col("reason_codes"), col("reasons_zh"), col("reasons_en"),
                        col("repurchase_probability"),
                        lit(repurchaseModel == null ? null : repurchaseModel.version()).cast("string").as("repurchase_model_version"),
                        when(col("clv_12m").isNotNull(), lit(VALUE_FROM_CLV)).otherwise(lit(VALUE_FROM_SPEND)).as("value_source"));
    }
}
