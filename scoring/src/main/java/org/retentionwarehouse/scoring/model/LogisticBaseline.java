package org.retentionwarehouse.scoring.model;

import java.io.Serializable;
import smile.classification.LogisticRegression;

/**
 * The baseline every churn model is measured beside: a logistic regression on standardized
 * features (raw features range from 0-1 ratios to spends in the tens of thousands, and L-BFGS
 * does not converge on them unscaled).
 */
public final class LogisticBaseline implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] sd;
    private final LogisticRegression regression;

    private LogisticBaseline(double[] mean, double[] sd, LogisticRegression regression) {
        this.mean = mean;
        this.sd = sd;
        this.regression = regression;
    }

    /** Fits the centring and scaling, then the regression, on {@code x}, {@code y}. */
    public static LogisticBaseline fit(double[][] x, int[] y) {
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
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = standardize(x[i], mean, sd);
        }
        return new LogisticBaseline(mean, sd, LogisticRegression.fit(z, y, 0.01, 1e-5, 500));
    }

    /** Churn probability of each row of {@code x}. */
    public double[] predict(double[][] x) {
        double[] p = new double[x.length];
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            regression.predict(standardize(x[i], mean, sd), posterior);
            p[i] = posterior[1];
        }
        return p;
    }

    private static double[] standardize(double[] row, double[] mean, double[] sd) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = (row[j] - mean[j]) / sd[j];
        }
        return z;
    }
}
