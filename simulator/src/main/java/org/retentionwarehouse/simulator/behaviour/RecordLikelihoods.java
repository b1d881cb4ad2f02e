package org.retentionwarehouse.simulator.behaviour;

import java.util.function.DoubleUnaryOperator;

/**
 * Log likelihoods, as functions of the current loyalty, of the recorded outcomes the behaviour
 * model draws from more than one hidden quantity: they integrate the others out.
 */
final class RecordLikelihoods {

    /** Midpoints the unseen service quality of a surveyed visit is integrated over. */
    private static final int QUALITY_POINTS = 40;

    private RecordLikelihoods() {
    }

    /**
     * A maintenance booked {@code delay} days after its reminder by a customer who came when it fell
     * due: whole days of an exponential wait, cut at {@link Rates#MAX_MAINTENANCE_DELAY}.
     */
    static DoubleUnaryOperator maintenanceDelay(int delay) {
        return loyalty -> {
            double mean = Rates.maintenanceDelayMean(loyalty);
            return delay >= Rates.MAX_MAINTENANCE_DELAY ? -delay / mean
                    : Math.log(Math.exp(-delay / mean) - Math.exp(-(delay + 1) / mean));
        };
    }

    /**
     * A survey score of {@code score} (1 to 5) after a visit to a store of mean service quality
     * {@code meanQuality}, lowered by {@code penalty} for an open complaint: the visit's quality,
     * which the records do not show, integrated over its Beta distribution.
     */
    static DoubleUnaryOperator surveyScore(int score, int penalty, double meanQuality) {
        double a = meanQuality * Rates.QUALITY_CONCENTRATION;
        double b = (1 - meanQuality) * Rates.QUALITY_CONCENTRATION;
        double[] quality = new double[QUALITY_POINTS];
        double[] weight = new double[QUALITY_POINTS];
        double total = 0;
        for (int j = 0; j < QUALITY_POINTS; j++) {
            quality[j] = (j + 0.5) / QUALITY_POINTS;
            weight[j] = Math.pow(quality[j], a - 1) * Math.pow(1 - quality[j], b - 1);
            total += weight[j];
        }
        // The rounded noisy score lands on the recorded one between these bounds (open at the scale's ends).
        double low = score <= 1 ? Double.NEGATIVE_INFINITY : score + penalty - 0.5;
        double high = score >= 5 ? Double.POSITIVE_INFINITY : score + penalty + 0.5;
        double sum = total;
        return loyalty -> {
            double p = 0;
            for (int j = 0; j < QUALITY_POINTS; j++) {
                double mean = Rates.surveyScore(quality[j], loyalty);
                p += weight[j] * (normal((high - mean) / Rates.SURVEY_NOISE) - normal((low - mean) / Rates.SURVEY_NOISE));
            }
            return Math.log(Math.max(p / sum, 1e-300));
        };
    }

    /** The standard normal distribution function (erfc by its Chebyshev fit, relative error under 1.2e-7). */
    static double normal(double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }
}
