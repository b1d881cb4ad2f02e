package org.retentionwarehouse.scoring.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.retentionwarehouse.scoring.model.Metrics;

/**
 * How good probability scores are against 0/1 outcomes: ranking (AUC, PR-AUC, top-decile lift) and
 * calibration (Brier score, observed rate per decile of score).
 *
 * @param rows           scored rows
 * @param positiveRate   share of positives
 * @param auc            area under the ROC curve
 * @param prAuc          average precision (area under the precision-recall curve, step-wise)
 * @param topDecileLift  positive rate among the 10% highest scores over the overall positive rate
 * @param brier          mean squared error of the probabilities
 * @param calibration    ten bins of equal size by score, lowest first
 */
public record Scorecard(int rows, double positiveRate, double auc, double prAuc, double topDecileLift, double brier,
                        List<CalibrationBin> calibration) {

    /** One decile of scores: its size, mean predicted probability and observed positive rate. */
    public record CalibrationBin(int rows, double meanPredicted, double observedRate) { }

    /** The scorecard of {@code score} against {@code truth} (same length, truth 0 or 1). */
    public static Scorecard of(int[] truth, double[] score) {
        if (truth.length != score.length || truth.length == 0) {
            throw new IllegalArgumentException("need as many outcomes as scores, at least one: " + truth.length
                    + " outcomes, " + score.length + " scores");
        }
        int n = truth.length;
        Integer[] byScoreDesc = new Integer[n];
        for (int i = 0; i < n; i++) {
            byScoreDesc[i] = i;
        }
        Arrays.sort(byScoreDesc, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        long positives = Arrays.stream(truth).filter(t -> t == 1).count();
        double rate = positives / (double) n;

        double brier = 0;
        for (int i = 0; i < n; i++) {
            brier += (score[i] - truth[i]) * (score[i] - truth[i]) / n;
        }
        return new Scorecard(n, rate, Metrics.auc(truth, score), averagePrecision(truth, score, byScoreDesc, positives),
                topDecileLift(truth, byScoreDesc, rate), brier, calibration(truth, score, byScoreDesc));
    }

    /** Precision at each positive, averaged, walking down the scores; tied scores enter together. */
    private static double averagePrecision(int[] truth, double[] score, Integer[] byScoreDesc, long positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int seen = 0;
        int hits = 0;
        int i = 0;
        while (i < byScoreDesc.length) {
            int j = i;
            int groupHits = 0;
            double s = score[byScoreDesc[i]];
            while (j < byScoreDesc.length && score[byScoreDesc[j]] == s) {
                groupHits += truth[byScoreDesc[j]];
                j++;
            }
            seen += j - i;
            hits += groupHits;
            sum += groupHits * (hits / (double) seen);
            i = j;
        }
        return sum / positives;
    }

    private static double topDecileLift(int[] truth, Integer[] byScoreDesc, double rate) {
        int top = Math.max(1, (int) Math.round(byScoreDesc.length / 10.0));
        int hits = 0;
        for (int i = 0; i < top; i++) {
            hits += truth[byScoreDesc[i]];
        }
        return rate == 0 ? Double.NaN : hits / (double) top / rate;
    }

    private static List<CalibrationBin> calibration(int[] truth, double[] score, Integer[] byScoreDesc) {
        int n = byScoreDesc.length;
        List<CalibrationBin> bins = new ArrayList<>(10);
        for (int b = 0; b < 10; b++) {
            // Ascending deciles: bin b holds ranks [n - (b+1)n/10, n - bn/10) of the descending order.
            int from = n - (int) ((long) (b + 1) * n / 10);
            int to = n - (int) ((long) b * n / 10);
            if (to <= from) {
                continue;
            }
            double predicted = 0;
            double observed = 0;
            for (int k = from; k < to; k++) {
                predicted += score[byScoreDesc[k]];
                observed += truth[byScoreDesc[k]];
            }
            bins.add(new CalibrationBin(to - from, predicted / (to - from), observed / (to - from)));
        }
        return bins;
    }

    /** One line of figures, for logs and reports. */
    public String summary() {
        return String.format(Locale.ROOT, "rows %d, churn rate %.3f, AUC %.4f, PR-AUC %.4f, top-decile lift %.3f, Brier %.4f",
                rows, positiveRate, auc, prAuc, topDecileLift, brier);
    }

    /** The figures and the calibration table as a JSON object. */
    public String toJson() {
        String bins = calibration.stream().map(b -> String.format(Locale.ROOT,
                "{\"rows\": %d, \"mean_predicted\": %.6f, \"observed_rate\": %.6f}", b.rows(), b.meanPredicted(),
                b.observedRate())).collect(java.util.stream.Collectors.joining(", "));
        return String.format(Locale.ROOT, "{\"rows\": %d, \"positive_rate\": %.6f, \"auc\": %.6f, \"pr_auc\": %.6f, "
                + "\"top_decile_lift\": %.6f, \"brier\": %.6f, \"calibration\": [%s]}", rows, positiveRate, auc, prAuc,
                topDecileLift, brier, bins);
    }
}
