package org.retentionwarehouse.scoring.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * Trains the churn model on the driver from labelled feature rows, holding out a deterministic
 * quarter of customers (by key hash) to measure AUC beside a logistic-regression baseline.
 */
public final class ModelTrainer {

    /** A trained model with its holdout figures. */
    public record Trained(ChurnModel model, long trainingRows, double auc, double baselineAuc) { }

    /** Per-column centring and scaling learnt on the training rows. */
    private record Standardizer(double[] mean, double[] sd) {

        static Standardizer fit(double[][] x) {
            int k = x[0].length;
            double[] mean = new double[k];
            double[] sd = new double[k];
            for (double[] row : x) {
                for (int j = 0; j < k; j++) {
                    mean[j] += row[j] / x.length;
                }
            }
            for (double[] row : x) {
                for (int j = 0; j < k; j++) {
                    sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
                }
            }
            for (int j = 0; j < k; j++) {
                sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
            }
            return new Standardizer(mean, sd);
        }

        double[] apply(double[] row) {
            double[] z = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                z[j] = (row[j] - mean[j]) / sd[j];
            }
            return z;
        }

        double[][] apply(double[][] x) {
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                z[i] = apply(x[i]);
            }
            return z;
        }
    }

    private final RetentionSettings.Scoring settings;

    public ModelTrainer(RetentionSettings.Scoring settings) {
        this.settings = settings;
    }

    public Trained train(String version, List<String> features, List<Row> labelled) {
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        for (Row row : labelled) {
            boolean holdout = Math.floorMod(row.<String>getAs("customer_key").hashCode(), 4) == 0;
            (holdout ? testX : trainX).add(ChurnModel.vector(row, features));
            (holdout ? testY : trainY).add(row.<Integer>getAs("churned"));
        }
        int[] y = trainY.stream().mapToInt(Integer::intValue).toArray();
        if (y.length < 50 || trainY.stream().distinct().count() < 2) {
            throw new IllegalStateException("not enough history to train a churn model: " + y.length
                    + " labelled customers, outcomes " + trainY.stream().distinct().toList());
        }
        double[][] x = trainX.toArray(double[][]::new);
        DataFrame frame = DataFrame.of(x, features.toArray(String[]::new)).merge(IntVector.of("churned", y));
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs("churned"), frame, settings.trees(),
                settings.maxDepth(), 1 << settings.maxDepth(), 5, settings.shrinkage(), 0.8);
        ChurnModel model = new ChurnModel(version, features, trees);
        // Standardized, so L-BFGS converges: raw features range from 0-1 ratios to spends in the tens of thousands.
        Standardizer scale = Standardizer.fit(x);
        LogisticRegression baseline = LogisticRegression.fit(scale.apply(x), y, 0.01, 1e-5, 500);

        double[][] tx = testX.toArray(double[][]::new);
        int[] ty = testY.stream().mapToInt(Integer::intValue).toArray();
        double[] baselineScores = new double[tx.length];
        double[] posterior = new double[2];
        for (int i = 0; i < tx.length; i++) {
            baseline.predict(scale.apply(tx[i]), posterior);
            baselineScores[i] = posterior[1];
        }
        return new Trained(model, y.length, Metrics.auc(ty, model.predict(tx)), Metrics.auc(ty, baselineScores));
    }
}
