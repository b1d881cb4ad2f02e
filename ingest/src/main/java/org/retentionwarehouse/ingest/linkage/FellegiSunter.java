package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Fellegi-Sunter model fitted by EM: per comparison level an m probability (level given match)
 * and u probability (level given non-match), and the match proportion lambda among candidate pairs.
 * Non-matches are modelled as two latent classes (related: household or colleague; unrelated), see {@link #fit}.
 * Comparison vectors are packed into a {@code long} pattern (3 bits per comparison: level + 1, 0 for
 * missing), so EM runs over distinct patterns with their counts, not over pairs.
 */
public final class FellegiSunter {

    static final double FLOOR = 1e-4;

    private final List<ComparisonLevels> comparisons;
    private final double lambda;
    private final double[] pi;
    private final double[][][] theta;
    private final double[][] m;
    private final double[][] u;
    private final double[][] uRandom;
    private final int iterations;
    private final boolean converged;

    private FellegiSunter(List<ComparisonLevels> comparisons, double[] pi, double[][][] theta, double[][] u, double[][] uRandom,
                          int iterations, boolean converged) {
        this.comparisons = comparisons;
        this.pi = pi;
        this.theta = theta;
        this.lambda = pi[0];
        this.m = theta[0];
        this.u = u;
        this.uRandom = uRandom;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** A comparison vector packed as {@link #fit} and {@link #weight} expect it; {@code -1} is missing. */
    public static long pack(int[] levels) {
        long p = 0;
        for (int c = 0; c < levels.length; c++) {
            p |= (long) (levels[c] + 1) << (3 * c);
        }
        return p;
    }

    /** The level of comparison {@code c} in a {@link #pack}ed pattern; {@code -1} is missing. */
    public static int level(long pattern, int c) {
        return (int) ((pattern >>> (3 * c)) & 7) - 1;
    }

    /**
     * EM from priors over three latent classes: match (m starts at 0.85 exact / 0.10 close / 0.05
     * different), related non-match (a household or colleague: contact and location comparisons agree,
     * identity comparisons such as given name or birth date differ) and unrelated non-match (starts at
     * the level frequencies among random pairs). Two-class EM on blocked pairs otherwise tends to learn
     * "same household" instead of "same person". The reported u is the non-match mixture of the two.
     * Stops when no parameter moves more than {@code tolerance}.
     */
    public static FellegiSunter fit(List<? extends ComparisonLevels> comparisons, Map<Long, Long> patternCounts, double[][] uRandom,
                             int maxIterations, double tolerance) {

        int nc = comparisons.size();
        int np = patternCounts.size();
        double[] counts = new double[np];
        int[][] lv = new int[np][nc];
        int p = 0;
        for (Map.Entry<Long, Long> e : patternCounts.entrySet()) {
            counts[p] = e.getValue();
            for (int c = 0; c < nc; c++) {
                lv[p][c] = level(e.getKey(), c);
            }
            p++;
        }
        final int k = 3;
        double[][][] theta = new double[k][nc][];
        for (int c = 0; c < nc; c++) {
            ComparisonLevels cmp = comparisons.get(c);
            int levels = cmp.levels().size();
            double[] m = new double[levels];
            double[] h = new double[levels];
            boolean identity = cmp.identity();
            for (int l = 0; l < levels; l++) {
                boolean first = l == 0;
                boolean last = l == levels - 1;
                m[l] = first ? 0.85 : last ? 0.05 : 0.10 / (levels - 2);
                h[l] = identity ? (first ? 0.05 : last ? 0.90 : 0.05 / (levels - 2))
                        : (first ? 0.70 : last ? 0.20 : 0.10 / (levels - 2));
            }
            normalise(m);
            normalise(h);
            theta[0][c] = m;
            theta[1][c] = h;
            theta[2][c] = uRandom[c].clone();
            normalise(theta[2][c]);
        }
        double[] pi = {0.3, 0.1, 0.6};
        int it = 0;
        boolean converged = false;
        double[][] g = new double[np][k];
        double[] lp = new double[k];
        while (it < maxIterations && !converged) {
            it++;
            for (int i = 0; i < np; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double w = Math.log(pi[j]);
                    for (int c = 0; c < nc; c++) {
                        int l = lv[i][c];
                        if (l >= 0) {
                            w += Math.log(theta[j][c][l]);
                        }
                    }
                    lp[j] = w;
                    max = Math.max(max, w);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    lp[j] = Math.exp(lp[j] - max);
                    sum += lp[j];
                }
                for (int j = 0; j < k; j++) {
                    g[i][j] = lp[j] / sum;
                }
            }
            double[][][] next = new double[k][nc][];
            double[] piNew = new double[k];
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < nc; c++) {
                    next[j][c] = new double[theta[j][c].length];
                }
            }
            double total = 0;
            for (int i = 0; i < np; i++) {
                total += counts[i];
                for (int j = 0; j < k; j++) {
                    double w = counts[i] * g[i][j];
                    piNew[j] += w;
                    for (int c = 0; c < nc; c++) {
                        int l = lv[i][c];
                        if (l >= 0) {
                            next[j][c][l] += w;
                        }
                    }
                }
            }
            double delta = 0;
            for (int j = 0; j < k; j++) {
                piNew[j] = clamp(piNew[j] / total);
                delta = Math.max(delta, Math.abs(piNew[j] - pi[j]));
                for (int c = 0; c < nc; c++) {
                    normalise(next[j][c]);
                    for (int l = 0; l < next[j][c].length; l++) {
                        delta = Math.max(delta, Math.abs(next[j][c][l] - theta[j][c][l]));
                    }
                }
            }
            pi = piNew;
            theta = next;
            converged = delta < tolerance;
        }
        double nonMatch = pi[1] + pi[2];
        double[][] u = new double[nc][];
        for (int c = 0; c < nc; c++) {
            u[c] = new double[theta[0][c].length];
            for (int l = 0; l < u[c].length; l++) {
                u[c][l] = (pi[1] * theta[1][c][l] + pi[2] * theta[2][c][l]) / nonMatch;
            }
        }
        return new FellegiSunter(List.copyOf(comparisons), pi, theta, u, uRandom, it, converged);
    }

    private static double clamp(double x) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, x));
    }

    /** Scales to sum 1 with every level at least {@link #FLOOR} (a level never seen is not impossible). */
    private static void normalise(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        if (s <= 0) {
            java.util.Arrays.fill(a, 1.0 / a.length);
            return;
        }
        double s2 = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(FLOOR, a[i] / s);
            s2 += a[i];
        }
        for (int i = 0; i < a.length; i++) {
            a[i] /= s2;
        }
    }

    /**
     * Match weight of a pattern: log2 of the posterior odds of match against non-match (prior odds
     * included), where non-match is the related + unrelated mixture.
     */
    public double weight(long pattern) {
        double[] lp = new double[pi.length];
        for (int j = 0; j < pi.length; j++) {
            double w = Math.log(pi[j]);
            for (int c = 0; c < comparisons.size(); c++) {
                int l = level(pattern, c);
                if (l >= 0) {
                    w += Math.log(theta[j][c][l]);
                }
            }
            lp[j] = w;
        }
        double maxNon = Math.max(lp[1], lp[2]);
        double non = maxNon + Math.log(Math.exp(lp[1] - maxNon) + Math.exp(lp[2] - maxNon));
        return (lp[0] - non) / Math.log(2);
    }

    /** Posterior match probability of a pattern. */
    public double probability(long pattern) {
        return 1.0 / (1.0 + Math.pow(2, -weight(pattern)));
    }

    public List<ComparisonLevels> comparisons() {
        return comparisons;
    }

    public double lambda() {
        return lambda;
    }

    public int iterations() {
        return iterations;
    }

    public boolean converged() {
        return converged;
    }

    /** m of a comparison level, by comparison name (e.g. {@code phone}) and level label (e.g. {@code exact}). */
    public double m(String comparison, String level) {
        int[] at = find(comparison, level);
        return m[at[0]][at[1]];
    }

    /** u among candidate pairs (the EM estimate used for scoring). */
    public double u(String comparison, String level) {
        int[] at = find(comparison, level);
        return u[at[0]][at[1]];
    }

    /** u among random pairs (the EM starting point; the chance agreement in the whole file). */
    public double uRandom(String comparison, String level) {
        int[] at = find(comparison, level);
        return uRandom[at[0]][at[1]];
    }

    private int[] find(String comparison, String level) {
        for (int c = 0; c < comparisons.size(); c++) {
            if (comparisons.get(c).name().equals(comparison)) {
                int l = comparisons.get(c).levels().indexOf(level);
                if (l < 0) {
                    throw new IllegalArgumentException("comparison " + comparison + " has no level " + level);
                }
                return new int[] {c, l};
            }
        }
        throw new IllegalArgumentException("no comparison " + comparison);
    }

    /** P(level | related non-match), e.g. a household member sharing phone and address. */
    public double related(String comparison, String level) {
        int[] at = find(comparison, level);
        return theta[1][at[0]][at[1]];
    }

    /** The fitted parameters as text lines, one per comparison level. */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "lambda=%.5f related=%.5f unrelated=%.5f iterations=%d converged=%s",
                pi[0], pi[1], pi[2], iterations, converged));
        out.add(String.format(Locale.ROOT, "%-14s %-15s %9s %9s %9s %9s %8s", "comparison", "level", "m", "u", "u_random",
                "related", "weight"));
        for (int c = 0; c < comparisons.size(); c++) {
            ComparisonLevels cmp = comparisons.get(c);
            for (int l = 0; l < cmp.levels().size(); l++) {
                out.add(String.format(Locale.ROOT, "%-14s %-15s %9.5f %9.5f %9.5f %9.5f %8.2f", cmp.name(), cmp.levels().get(l),
                        m[c][l], u[c][l], uRandom[c][l], theta[1][c][l], Math.log(m[c][l] / u[c][l]) / Math.log(2)));
            }
        }
        return out;
    }
}
