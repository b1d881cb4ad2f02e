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
 * at every cutoff and in every model: a tenth for calibration (Platt scaling of the trees' scores),
 * a quarter held out, the rest for the trees and the logistic baseline. The model a night scores
 * with learns from the held-out quarter too, since more customers rank better; its figures come
 * from its twin, the same recipe trained without that quarter and judged on it at the latest
 * cutoff, the one a nightly model is used nearest to.
 */
public final class ModelTrainer {

    /** A model and its logistic baseline, with the number of rows their trees and regression learnt from. */
    public record Fitted(BoostedClassifier model, LogisticBaseline baseline, long trainingRows) { }

    /**
     * A night's model: {@code served}, trained on every customer outside the calibration tenth, and
     * {@code withoutHoldout}, its twin trained without the held-out quarter, whose figures on that
     * quarter at the latest cutoff ({@code holdout}) stand for the model's.
     */
    public record Trained(Fitted served, BoostedClassifier withoutHoldout, List<Row> holdout, Scorecard holdoutScores,
                          Scorecard baselineScores) {

        public BoostedClassifier model() {
            return served.model();
        }

        public LogisticBaseline baseline() {
            return served.baseline();
        }

        public long trainingRows() {
            return served.trainingRows();
        }

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

    /** A night's model and its twin without the held-out quarter, which gives the figures (see {@link Trained}). */
    public Trained train(Target target, String version, List<String> features, List<Row> unordered) {
        Split split = split(target, unordered);
        if (distinct(labels(split.holdout(), target.label())) < 2) {
            throw new NotEnoughHistoryException(target, unordered.size() + " labelled customer-cutoffs, and the held-out"
                    + " customers at the latest cutoff need both outcomes");
        }
        Fitted twin = fit(target, version, features, split.train(), split.calibration());
        double[][] x = BoostedClassifier.vectors(split.holdout(), features);
        int[] y = labels(split.holdout(), target.label());
        return new Trained(fit(target, version, features, split.served(), split.calibration()), twin.model(), split.holdout(),
                Scorecard.of(y, twin.model().predict(x)), Scorecard.of(y, twin.baseline().predict(x)));
    }

    /**
     * The model a night of {@code unordered}'s history would score with, without the twin that
     * judges it: what a backtest needs.
     */
    public Fitted fit(Target target, String version, List<String> features, List<Row> unordered) {
        Split split = split(target, unordered);
        return fit(target, version, features, split.served(), split.calibration());
    }

    /**
     * The rows of each part: {@code served} those of every customer outside the calibration tenth,
     * {@code holdout} the held-out customers' at the latest cutoff. Sorted first, since the same data must give the same
     * model whatever order Spark returned it in.
     */
    private record Split(List<Row> train, List<Row> calibration, List<Row> served, List<Row> holdout) { }

    private static Split split(Target target, List<Row> unordered) {
        List<Row> labelled = unordered.stream().sorted(Comparator.comparing((Row r) -> r.<String>getAs("customer_key"))
                .thenComparing(r -> r.<Date>getAs("snapshot_date"))).toList();
        Date latest = labelled.stream().map(r -> r.<Date>getAs("snapshot_date")).max(Comparator.naturalOrder())
                .orElseThrow(() -> new NotEnoughHistoryException(target, "no labelled customers"));
        Split split = new Split(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Row row : labelled) {
            Part part = Part.of(row.getAs("customer_key"));
            if (part != Part.CALIBRATION) {
                split.served().add(row);
            }
            switch (part) {
                case TRAIN -> split.train().add(row);
                case CALIBRATION -> split.calibration().add(row);
                case HOLDOUT -> {
                    if (row.<Date>getAs("snapshot_date").equals(latest)) {
                        split.holdout().add(row);
                    }
                }
            }
        }
        int[] y = labels(split.train(), target.label());
        if (y.length < 50 || distinct(y) < 2 || distinct(labels(split.calibration(), target.label())) < 2) {
            throw new NotEnoughHistoryException(target, labelled.size() + " labelled customer-cutoffs, " + y.length
                    + " for training, and each of training and calibration needs both outcomes");
        }
        return split;
    }

    private Fitted fit(Target target, String version, List<String> features, List<Row> train, List<Row> calibration) {
        String label = target.label();
        int[] y = labels(train, label);
        double[][] x = BoostedClassifier.vectors(train, features);
        DataFrame frame = DataFrame.of(x, features.toArray(String[]::new)).merge(IntVector.of(label, y));
        // The trees subsample rows with Smile's per-thread generator: seeded here, so that the same rows
        // give the same model whichever thread trains.
        MathEx.setSeed(seed);
        GradientTreeBoost trees = GradientTreeBoost.fit(Formula.lhs(label), frame, this.trees,
                maxDepth, 1 << maxDepth, 20, shrinkage, 0.7);
        PlattScaling platt = PlattScaling.fit(TreeScores.of(trees).of(BoostedClassifier.vectors(calibration, features)),
                labels(calibration, label));
        return new Fitted(new BoostedClassifier(version, features, trees, platt), LogisticBaseline.fit(x, y), y.length);
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
