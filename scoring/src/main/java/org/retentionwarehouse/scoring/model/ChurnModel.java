package org.retentionwarehouse.scoring.model;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;

/**
 * A trained churn classifier with the feature list it was trained on. Serializable, so Spark can
 * broadcast it to the executors that score.
 */
public final class ChurnModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String version;
    private final List<String> features;
    private final GradientTreeBoost trees;

    public ChurnModel(String version, List<String> features, GradientTreeBoost trees) {
        this.version = version;
        this.features = List.copyOf(features);
        this.trees = trees;
    }

    public String version() {
        return version;
    }

    public List<String> features() {
        return features;
    }

    /** Churn probability of each row of {@code x} (columns in {@link #features()} order). */
    public double[] predict(double[][] x) {
        DataFrame frame = DataFrame.of(x, features.toArray(String[]::new));
        double[] p = new double[x.length];
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            trees.predict(frame.get(i), posterior);
            p[i] = posterior[1];
        }
        return p;
    }

    /** The model input of a feature row; a missing value (no survey, one visit) becomes -1. */
    public static double[] vector(Row row, List<String> features) {
        double[] v = new double[features.size()];
        for (int i = 0; i < v.length; i++) {
            Object value = row.getAs(features.get(i));
            v[i] = value == null ? -1.0 : ((Number) value).doubleValue();
        }
        return v;
    }
}
