package org.retentionwarehouse.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.scoring.features.CoreInputs;
import org.retentionwarehouse.scoring.evaluation.Scorecard;
import org.retentionwarehouse.scoring.explain.Reasons;
import org.retentionwarehouse.scoring.features.FeatureBuilder;
import org.retentionwarehouse.scoring.model.BoostedClassifier;
import org.retentionwarehouse.scoring.model.ModelStore;
import org.retentionwarehouse.scoring.model.ModelTrainer;
import org.retentionwarehouse.scoring.model.Target;
import org.retentionwarehouse.scoring.segments.Segments;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.table.TableStore;
import org.retentionwarehouse.warehouse.table.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Night step 2: features as of the business date D, churn and repurchase models (trained when
 * none was trained in the last {@code retrain_every_days}, on cutoffs whose outcome windows have
 * passed), and a score for every active customer.
 */
public final class ScoringStage {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStage.class);

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
        String snapshot = "t.snapshot_date = DATE '" + date + "'";
        CoreInputs inputs = CoreInputs.from(tables);
        Dataset<Row> current = features.build(inputs, date).cache();
        tables.replace(Tables.CUSTOMER_FEATURES, current, snapshot);

        ModelStore store = new ModelStore(home.models());
        Row champion = champion(Target.CHURN, date);
        boolean trained = champion == null;
        if (trained) {
            train(inputs, date, store);
            champion = champion(Target.CHURN, date);
        }
        Row repurchase = champion(Target.REPURCHASE, date);
        String version = champion.getAs("model_version");
        BoostedClassifier model = store.load(version);
        BoostedClassifier repurchaseModel = repurchase == null ? null : store.load(repurchase.getAs("model_version"));
        Dataset<Row> scores = score(current, model, repurchaseModel, date);
        tables.replace(Tables.CUSTOMER_SCORES, scores, snapshot);
        long scored = tables.read(Tables.CUSTOMER_SCORES).filter(col("snapshot_date").equalTo(lit(Date.valueOf(date)))).count();
        current.unpersist();
        ScoringSummary summary = new ScoringSummary(date, version, trained, champion.getAs("auc"),
                champion.getAs("baseline_auc"), scored, System.currentTimeMillis() - started);
        LOG.info("scoring {}: model {}{} (holdout AUC {}, baseline {}), repurchase model {}, {} customers scored, {} ms", date,
                version, trained ? " trained tonight" : "", summary.auc(), summary.baselineAuc(),
                repurchaseModel == null ? "none" : repurchaseModel.version(), scored, summary.elapsedMillis());
        return summary;
    }

    /** The newest model for {@code target} trained for a date in the retraining window up to {@code date}, or null. */
    private Row champion(Target target, LocalDate date) {
        List<Row> rows = tables.read(Tables.MODEL_REGISTRY)
                // Registries from before repurchase models have no target: every model in them predicts churn.
                .filter(coalesce(col("target"), lit(Target.CHURN.id())).equalTo(target.id())
                        .and(col("trained_for_date").leq(lit(Date.valueOf(date))))
                        .and(col("trained_for_date").gt(lit(Date.valueOf(date.minusDays(settings.scoring().retrainEveryDays()))))))
                .orderBy(col("trained_for_date").desc())
                .limit(1).collectAsList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Trains tonight's churn and repurchase models on the same labelled history. Without a churn
     * model the night cannot go on; without a repurchase model (too few vehicles bought in the
     * history so far) it scores churn alone, and the next retraining tries again.
     */
    private void train(CoreInputs inputs, LocalDate date, ModelStore store) {
        List<Row> history = features.labelledHistory(inputs, features.trainingCutoffs(date)).collectAsList();
        ModelTrainer trainer = new ModelTrainer(settings.scoring());
        List<Row> registry = new ArrayList<>();
        for (Target target : Target.values()) {
            ModelTrainer.Trained trained;
            try {
                trained = trainer.train(target, target.version(date), FeatureBuilder.MODEL_FEATURES, history);
            } catch (ModelTrainer.NotEnoughHistoryException e) {
                if (target == Target.CHURN) {
                    throw e;
                }
                LOG.warn("scoring {}: {}; repurchase probabilities stay empty until a retraining has enough", date, e.getMessage());
                continue;
            }
            store.save(trained);
            Scorecard model = trained.holdoutScores();
            Scorecard baseline = trained.baselineScores();
            registry.add(RowFactory.create(trained.model().version(), Date.valueOf(date),
                    Date.valueOf(features.trainingCutoffs(date).get(0)), trained.trainingRows(), "smile.GradientTreeBoost+Platt",
                    model.auc(), baseline.auc(), store.folder(trained.model().version()).toString(), model.prAuc(),
                    model.topDecileLift(), model.brier(), baseline.prAuc(), baseline.topDecileLift(), baseline.brier(),
                    model.toJson(), target.id()));
        }
        tables.merge(Tables.MODEL_REGISTRY, spark.createDataFrame(registry, Tables.MODEL_REGISTRY.schema()));
    }

    /** Churn probability with its top reasons, and the repurchase probability when there is a repurchase model. */
    private Dataset<Row> score(Dataset<Row> current, BoostedClassifier model, BoostedClassifier repurchaseModel, LocalDate date) {
        scala.reflect.ClassTag<BoostedClassifier> tag = scala.reflect.ClassTag$.MODULE$.apply(BoostedClassifier.class);
        Broadcast<BoostedClassifier> shared = spark.sparkContext().broadcast(model, tag);
        Broadcast<BoostedClassifier> sharedRepurchase = spark.sparkContext().broadcast(repurchaseModel, tag);
        StructType schema = new StructType()
                .add("customer_key", DataTypes.StringType)
                .add("churn_probability", DataTypes.DoubleType)
                .add("reason_codes", DataTypes.StringType)
                .add("reasons_zh", DataTypes.StringType)
                .add("reasons_en", DataTypes.StringType)
                .add("repurchase_probability", DataTypes.DoubleType);
        MapPartitionsFunction<Row, Row> predict = rows -> {
            BoostedClassifier m = shared.value();
            BoostedClassifier r = sharedRepurchase.value();
            List<Row> batch = new ArrayList<>();
            rows.forEachRemaining(batch::add);
            double[][] x = batch.stream().map(row -> BoostedClassifier.vector(row, m.features())).toArray(double[][]::new);
            double[] p = x.length == 0 ? new double[0] : m.predict(x);
            double[][] why = x.length == 0 ? new double[0][] : m.contributions(x);
            double[] repurchase = r == null || x.length == 0 ? null
                    : r.predict(batch.stream().map(row -> BoostedClassifier.vector(row, r.features())).toArray(double[][]::new));
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < p.length; i++) {
                List<Reasons.Reason> top = Reasons.top(m.features(), why[i], 3);
                out.add(RowFactory.create(batch.get(i).<String>getAs("customer_key"), p[i],
                        String.join(",", top.stream().map(Reasons.Reason::code).toList()),
                        String.join("；", top.stream().map(Reasons.Reason::chinese).toList()),
                        String.join("; ", top.stream().map(Reasons.Reason::english).toList()),
                        repurchase == null ? null : repurchase[i]));
            }
            return out.iterator();
        };
        Dataset<Row> probabilities = current.mapPartitions(predict, Encoders.row(schema));
        // BG/NBD x Gamma-Gamma value; where those could not be fitted, the customer's own recent service spend rate.
        Dataset<Row> scored = current.join(probabilities, "customer_key")
                .withColumn("expected_value_12m", coalesce(col("clv_12m"), col("service_spend_24m").divide(2)))
                .join(tables.read(Tables.DIM_CUSTOMER).filter("is_current").select("customer_key", "tier", "customer_type"), "customer_key", "left")
                .cache();
        double[] median = scored.stat().approxQuantile("expected_value_12m", new double[] {0.5}, 0.01);
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
                        Segments.valueRiskQuadrant(median.length == 0 ? 0 : median[0]).as("value_risk_quadrant"),
                        col("reason_codes"), col("reasons_zh"), col("reasons_en"),
                        col("repurchase_probability"),
                        lit(repurchaseModel == null ? null : repurchaseModel.version()).cast("string").as("repurchase_model_version"));
    }
}
