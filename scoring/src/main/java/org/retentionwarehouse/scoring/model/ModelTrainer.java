package org.retentionwarehouse.scoring.model;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.retentionwarehouse.scoring.evaluation.Scorecard;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import smile.classification.GradientTreeBoost;
import smile.classification.PlattScaling;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Trains a model (churn or repurchase, by its {@link Target}) on the driver from labelled feature
 * rows, which may stack several cutoffs. Customers are split by a hash of their key, the same way
 * at every cutoff so no customer is on both sides: a quarter held out for evaluation, a tenth for
 * calibration (Platt scaling of the trees' scores), the rest for the trees and the logistic
 * baseline. Holdout figures are taken at the latest cutoff only, the one a nightly model is used
 * nearest to.
 */
public final class ModelTrainer {

    /** A trained model, its baseline, and both models' figures on the held-out customers of the latest cutoff. */
    public record Trained(BoostedClassifier model, LogisticBaseline baseline, long trainingRows, List<Row> holdout,
                          Scorecard holdoutScores, Scorecard baselineScores) {

        public double auc() {
            return holdoutScores.auc();
        }

        public double baselineAuc() {
            return baselineScores.auc();
        }
    }

    /** Which part of the data a customer belongs to. */
    public enum Part {
        TRAIN, CALIBRATION, HOLDOUT;

        public static Part of(String customerKey) {
            // Spread the String hash so that keys sharing a prefix still fall into different buckets.
            int h = customerKey.hashCode() * 0x9E3779B1;
            int bucket = Math.floorMod(h ^ (h >>> 15), 100);
            return bucket < 25 ? HOLDOUT : bucket < 35 ? CALIBRATION : TRAIN;
        }
    }

    private final int trees;
    private final int maxDepth;
    private final double shrinkage;
    private final long seed;

    public ModelTrainer(RetentionSettings.Scoring settings) {
        this(settings.trees(), settings.maxDepth(), settings.shrinkage(), settings.seed());
    }

    private ModelTrainer(int trees, int maxDepth, double shrinkage, long seed) {
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.shrinkage = shrinkage;
        this.seed = seed;
    }

    /** A trainer with the trees' settings of {@code recipe} (its features are passed to {@link #train}). */
    public static ModelTrainer of(Recipe recipe) {
        return new ModelTrainer(recipe.trees(), recipe.maxDepth(), recipe.shrinkage(), recipe.seed());
    }

    public Trained train(Target target, String version, List<String> features, List<Row> unordered) {
        // The same data must give the same model, whatever order Spark returned it in and whichever
        // thread trains: the trees subsample rows with Smile's per-thread generator, seeded here from
        // the configured seed.
        List<Row> labelled = unordered.stream().sorted(Comparator.comparing((Row r) -> r.<String>getAs("customer_key"))
                .thenComparing(r -> r.<Date>getAs("snapshot_date"))).toList();
        MathEx.setSeed(seed);
        Date latest = labelled.stream().map(r -> r.<Date>getAs("snapshot_date")).max(Comparator.naturalOrder())
                .orElseThrow(() -> new NotEnoughHistoryException(target, "no labelled customers"));
        List<Row> train = new ArrayList<>();
        List<Row> calibration = new ArrayList<>();
        List<Row> holdout = new ArrayList<>();
        for (Row row : labelled) {
            switch (Part.of(row.getAs("customer_key"))) {
                case TRAIN -> train.add(row);
                case CALIBRATION -> calibration.add(row);
                case HOLDOUT -> {
                    if (row.<Date>getAs("snapshot_date").equals(latest)) {
                        holdout.add(row);
                    }
                }
            }
        }
        String label = target.label();
        int[] y = labels(train, label);
        if (y.length < 50 || distinct(y) < 2 || distinct(labels(calibration, label)) < 2 || distinct(labels(holdout, label)) < 2) {
            throw new NotEnoughHistoryException(target, labelled.size() + " labelled customer-cutoffs, " + y.length
                    + " for training, and each of training, calibration and holdout needs both outcomes");
        }
        double[][] x = BoostedClassifier.vectors(train, features);
        DataFrame frame = DataFrame.of(x, features.toArray(String[]::new)).merge(IntVector.of(label, y));
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs(label), frame, this.trees,
                maxDepth, 1 << maxDepth, 20, shrinkage, 0.7);
        PlattScaling platt = PlattScaling.fit(TreeScores.of(trees).of(BoostedClassifier.vectors(calibration, features)),
                labels(calibration, label));
        BoostedClassifier model = new BoostedClassifier(version, features, trees, platt);
        LogisticBaseline baseline = LogisticBaseline.fit(x, y);

        double[][] tx = BoostedClassifier.vectors(holdout, features);
        int[] ty = labels(holdout, label);
        return new Trained(model, baseline, y.length, holdout, Scorecard.of(ty, model.predict(tx)),
                Scorecard.of(ty, baseline.predict(tx)));
    }

    public static int[] labels(List<Row> rows, String label) {
        return rows.stream().mapToInt(r -> r.<Integer>getAs(label)).toArray();
    }

    /** Too few labelled customers, or only one outcome among them, to train and evaluate a model. */
    public static final class NotEnoughHistoryException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        public NotEnoughHistoryException(Target target, String detail) {
            super("not enough history to train a " + target.id() + " model: " + detail);
        }
    }

    private static long distinct(int[] y) {
        return java.util.Arrays.stream(y).distinct().count();
    }
}
