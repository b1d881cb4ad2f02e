package org.retentionwarehouse.scoring.model;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.retentionwarehouse.scoring.explain.TreeShap;
import smile.classification.GradientTreeBoost;
import smile.classification.PlattScaling;

/**
 * A trained classifier (churn or repurchase): boosted trees whose scores are mapped to calibrated probabilities by
 * Platt scaling learnt on customers the trees never saw, with the feature list it was trained on.
 * Serializable, so Spark can broadcast it to the executors that score.
 */
public final class BoostedClassifier implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String version;
    private final List<String> features;
    private final GradientTreeBoost trees;
    private final PlattScaling calibration;
    private transient volatile Compiled compiled;

    public BoostedClassifier(String version, List<String> features, GradientTreeBoost trees, PlattScaling calibration) {
        this.version = version;
        this.features = List.copyOf(features);
        this.trees = trees;
        this.calibration = calibration;
    }

    public String version() {
        return version;
    }

    public List<String> features() {
        return features;
    }

    /** Calibrated probability of the event, for each row of {@code x} (columns in {@link #features()} order). */
    public double[] predict(double[][] x) {
        double[] raw = compiled().scores().of(x);
        double[] p = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            p[i] = calibration.scale(raw[i]);
        }
        return p;
    }

    /**
     * Each row's SHAP values, for row i feature j's contribution to the sum of the trees' outputs
     * (the log-odds before shrinkage) at {@code [i][j]}: Smile's {@code GradientTreeBoost.shap} times
     * the number of trees, from {@link TreeShap}.
     */
    public double[][] contributions(double[][] x) {
        return compiled().explainer().contributions(x);
    }

    /** The trees in the forms scoring reads them in, built on first use where the model is used (the driver or an executor). */
    private record Compiled(TreeScores scores, TreeShap explainer) { }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            synchronized (this) {
                if (compiled == null) {
                    compiled = new Compiled(TreeScores.of(trees), TreeShap.of(trees.trees(), features.size()));
                }
                c = compiled;
            }
        }
        return c;
    }

    /**
     * The model inputs of feature rows that share one schema; a missing value (no survey, one visit)
     * becomes -1. The features' positions are looked up once: by name for every row and feature, the
     * lookups took about a twentieth of a million customers' scoring.
     */
    public static double[][] vectors(List<Row> rows, List<String> features) {
        if (rows.isEmpty()) {
            return new double[0][];
        }
        StructType schema = rows.get(0).schema();
        int[] positions = features.stream().mapToInt(schema::fieldIndex).toArray();
        double[][] x = new double[rows.size()][];
        for (int r = 0; r < x.length; r++) {
            Row row = rows.get(r);
            double[] v = new double[positions.length];
            for (int i = 0; i < v.length; i++) {
                Object value = row.get(positions[i]);
                v[i] = value == null ? -1.0 : ((Number) value).doubleValue();
            }
            x[r] = v;
        }
        return x;
    }
}
