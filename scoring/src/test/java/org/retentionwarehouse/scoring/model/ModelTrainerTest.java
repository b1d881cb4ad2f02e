package org.retentionwarehouse.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.retentionwarehouse.scoring.explain.Reasons;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * The trainer on rows whose churn follows a known logistic law in two features: the model must rank
 * nearly as well as that law, give calibrated probabilities, and name the driving feature as the
 * first reason for a customer at high risk.
 */
class ModelTrainerTest {

    static final List<String> FEATURES = List.of("days_since_last_visit", "unresolved_complaints", "noise");

    @Test
    void learnsAKnownLawWithCalibratedProbabilitiesAndReasons() {
        List<double[]> truth = new ArrayList<>();
        List<Row> rows = rows(truth);
        ModelTrainer.Trained trained = new ModelTrainer(new RetentionSettings.Scoring(7, 150, 3, 0.05, 1, 0.25, 0, 200_000))
                .train(Target.CHURN, "test", FEATURES, rows);

        int[] y = truth.stream().mapToInt(t -> (int) t[1]).toArray();
        double oracleAuc = Metrics.auc(y, truth.stream().mapToDouble(t -> t[0]).toArray());
        assertThat(trained.holdout()).hasSize(truth.size());
        assertThat(trained.auc()).isGreaterThan(oracleAuc - 0.03);
        // The figures are the twin's, which never saw the held-out customers; the model the night scores
        // with learnt from them too, and from every customer but the calibration tenth.
        double[][] heldOut = BoostedClassifier.vectors(trained.holdout(), FEATURES);
        assertThat(trained.auc()).isEqualTo(Metrics.auc(ModelTrainer.labels(trained.holdout(), "churned"),
                trained.withoutHoldout().predict(heldOut)));
        assertThat(trained.model().predict(heldOut)).isNotEqualTo(trained.withoutHoldout().predict(heldOut));
        assertThat(trained.trainingRows()).isEqualTo(rows.stream()
                .filter(r -> ModelTrainer.Part.of(r.getAs("customer_key")) != ModelTrainer.Part.CALIBRATION).count());
        assertThat(trained.holdoutScores().calibration()).allSatisfy(bin ->
                assertThat(bin.meanPredicted()).isCloseTo(bin.observedRate(), within(0.12)));

        double[] usual = {200, 0.3, 0.0};
        double[][] risky = {{650, 0, 0.0}};
        assertThat(trained.model().predict(risky)[0]).isGreaterThan(0.8);
        assertThat(Reasons.top(FEATURES, trained.model().contributions(risky)[0], risky[0], usual, j -> true, 3).get(0).code())
                .isEqualTo("LONG_ABSENCE");
        double[][] complaining = {{10, 2, 0.0}};
        assertThat(Reasons.top(FEATURES, trained.model().contributions(complaining)[0], complaining[0], usual, j -> true, 3)
                .get(0).code()).isEqualTo("UNRESOLVED_COMPLAINT");
        // A feature the customer has no value for is never given as a reason, however much it adds.
        assertThat(Reasons.top(FEATURES, trained.model().contributions(risky)[0], risky[0], usual, j -> j != 0, 3))
                .extracting(Reasons.Reason::code).doesNotContain("LONG_ABSENCE");
    }

    @Test
    void aReasonIsGivenOnlyWhereTheCustomersOwnValueBearsItsSentenceOut() {
        List<String> features = List.of("days_since_last_visit", "in_warranty", "maintenance_overdue_days", "km_per_day");
        double[] risk = {0.4, 0.3, 0.2, 0.1};
        double[] usual = {200, 0.4, -50, 40};
        // A model may find risk in a recent visit, a car in warranty or maintenance not yet due (new customers
        // who churn): none of the sentences about the opposite may be told to such a customer.
        assertThat(Reasons.top(features, risk, new double[] {30, 1, -10, 60}, usual, j -> true, 4))
                .extracting(Reasons.Reason::code).containsExactly("MILEAGE_PATTERN");
        assertThat(Reasons.top(features, risk, new double[] {400, 0, 15, 20}, usual, j -> true, 4))
                .extracting(Reasons.Reason::code)
                .containsExactly("LONG_ABSENCE", "OUT_OF_WARRANTY", "MAINTENANCE_OVERDUE", "MILEAGE_PATTERN");
    }

    @Test
    void aChallengerReplacesTheChampionOnlyWhenItRanksTheSameHeldOutCustomersAtLeastAsWell() {
        List<Row> rows = rows(new ArrayList<>());
        RetentionSettings.Scoring settings = new RetentionSettings.Scoring(7, 60, 3, 0.1, 1, 0.25, 0, 200_000);
        ModelTrainer.Trained good = new ModelTrainer(settings).train(Target.CHURN, "good", FEATURES, rows);
        ModelTrainer.Trained blind = new ModelTrainer(settings).train(Target.CHURN, "blind", List.of("noise"), rows);

        ChampionChallenger.Verdict better = ChampionChallenger.judge(good, null, blind.withoutHoldout(), null, Target.CHURN);
        assertThat(better.promote()).isTrue();
        assertThat(better.championAuc()).isBetween(0.4, 0.6);
        ChampionChallenger.Verdict worse = ChampionChallenger.judge(blind, null, good.withoutHoldout(), null, Target.CHURN);
        assertThat(worse.promote()).isFalse();
        assertThat(worse.championAuc()).isEqualTo(good.auc(), within(1e-12));
        assertThat(ChampionChallenger.judge(blind, null, null, null, Target.CHURN).promote()).isTrue();
    }

    @Test
    void scoresRowsExactlyAsSmileDoes() {
        List<Row> rows = rows(new ArrayList<>());
        double[][] x = BoostedClassifier.vectors(rows, FEATURES);
        int[] y = ModelTrainer.labels(rows, "churned");
        DataFrame frame = DataFrame.of(x, FEATURES.toArray(String[]::new)).merge(IntVector.of("churned", y));
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("churned"), frame, 80, 4, 16, 20, 0.1, 0.7);

        double[] ours = TreeScores.of(trees).of(x);
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            trees.predict(frame.get(i), posterior);
            double p = Math.min(1 - 1e-9, Math.max(1e-9, posterior[1]));
            assertThat(ours[i]).as("row %d", i).isEqualTo(Math.log(p / (1 - p)));
        }
    }

    /** 12,000 customers whose churn follows the law; {@code truth} gets the true probability and outcome of each held-out one. */
    private static List<Row> rows(List<double[]> truth) {
        StructType schema = new StructType().add("customer_key", DataTypes.StringType).add("snapshot_date", DataTypes.DateType)
                .add("days_since_last_visit", DataTypes.IntegerType).add("unresolved_complaints", DataTypes.IntegerType)
                .add("noise", DataTypes.DoubleType).add("churned", DataTypes.IntegerType);
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < 12000; c++) {
            int days = random.nextInt(700);
            int complaints = random.nextDouble() < 0.15 ? 1 + random.nextInt(2) : 0;
            double p = 1 / (1 + Math.exp(-(-3 + days / 120.0 + 1.2 * complaints)));
            int churned = random.nextDouble() < p ? 1 : 0;
            String key = "C" + c;
            rows.add(new GenericRowWithSchema(new Object[] {key, Date.valueOf(LocalDate.of(2025, 6, 30)), days, complaints,
                    random.nextGaussian(), churned}, schema));
            if (ModelTrainer.Part.of(key) == ModelTrainer.Part.HOLDOUT) {
                truth.add(new double[] {p, churned});
            }
        }
        return rows;
    }
}
