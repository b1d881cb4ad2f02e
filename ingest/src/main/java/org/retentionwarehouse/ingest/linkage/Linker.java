package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Fellegi-Sunter record linkage: blocking gives candidate pairs, each pair gets a comparison vector,
 * EM fits m, u and lambda over the candidates (u starting from random pairs), and every candidate pair
 * gets a match weight and posterior probability. Not thread-safe: {@link #model()} and the counters
 * describe the last run.
 */
public final class Linker {

    private final List<Comparison> comparisons;
    private final List<List<Role>> blocking;
    private int maxBlockSize = 1000;
    private int maxIterations = 500;
    private double tolerance = 1e-6;
    private int randomPairs = 200_000;
    private long seed = 42;
    private double minReportedProbability = 0.001;

    private FellegiSunter model;
    private long candidatePairs;
    private final List<String> warnings = new ArrayList<>();

    public Linker(LinkageMapping mapping) {
        this(mapping.roles(), mapping.blocking());
    }

    public Linker(Set<Role> roles, List<List<Role>> blocking) {
        this.comparisons = Comparison.forRoles(roles);
        this.blocking = List.copyOf(blocking);
        if (comparisons.size() > 21) {
            throw new IllegalArgumentException("at most 21 comparisons");
        }
    }

    /** Blocks with more records than this are skipped with a warning (default 1000). */
    public Linker maxBlockSize(int n) {
        this.maxBlockSize = n;
        return this;
    }

    /** Pairs below this probability are not returned (default 0.001). */
    public Linker minReportedProbability(double p) {
        this.minReportedProbability = p;
        return this;
    }

    public Linker seed(long s) {
        this.seed = s;
        return this;
    }

    public Linker em(int maxIterations, double tolerance) {
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        return this;
    }

    /** Scored pairs (left record, right record) across the two files. */
    public List<ScoredPair> link(List<Record> left, List<Record> right) {
        List<Record> all = new ArrayList<>(left.size() + right.size());
        all.addAll(left);
        all.addAll(right);
        boolean[] side = new boolean[all.size()];
        for (int i = left.size(); i < all.size(); i++) {
            side[i] = true;
        }
        return run(all, side, left.size());
    }

    /** Scored pairs of records within one file. */
    public List<ScoredPair> dedupe(List<Record> records) {
        return run(records, null, -1);
    }

    public FellegiSunter model() {
        return model;
    }

    public long candidatePairs() {
        return candidatePairs;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Comparison> comparisons() {
        return comparisons;
    }

    private List<ScoredPair> run(List<Record> all, boolean[] side, int leftSize) {
        warnings.clear();
        Blocking.Pairs pairs = Blocking.candidates(all, side, blocking, maxBlockSize, warnings);
        candidatePairs = pairs.size();
        int nc = comparisons.size();
        long[] patterns = new long[pairs.size()];
        IntStream.range(0, pairs.size()).parallel().forEach(k -> patterns[k] = pattern(all.get(pairs.left()[k]), all.get(pairs.right()[k])));
        Map<Long, Long> counts = new HashMap<>();
        for (long p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        double[][] uRandom = randomU(all, leftSize);
        if (counts.isEmpty()) {
            warnings.add("no candidate pairs: check the blocking keys");
        }
        model = FellegiSunter.fit(comparisons, counts, uRandom, maxIterations, tolerance);
        Map<Long, double[]> scores = new HashMap<>();
        for (long p : counts.keySet()) {
            scores.put(p, new double[] {model.probability(p), model.weight(p)});
        }
        List<ScoredPair> out = new ArrayList<>();
        for (int k = 0; k < patterns.length; k++) {
            double[] s = scores.get(patterns[k]);
            if (s[0] >= minReportedProbability) {
                out.add(new ScoredPair(all.get(pairs.left()[k]).id(), all.get(pairs.right()[k]).id(), s[0], s[1]));
            }
        }
        return out;
    }

    long pattern(Record a, Record b) {
        long p = 0;
        for (int c = 0; c < comparisons.size(); c++) {
            p |= (long) (comparisons.get(c).compare(a, b) + 1) << (3 * c);
        }
        return p;
    }

    /** Level frequencies among random pairs (add-one smoothed): the chance agreement u. */
    private double[][] randomU(List<Record> all, int leftSize) {
        int nc = comparisons.size();
        double[][] u = new double[nc][];
        for (int c = 0; c < nc; c++) {
            u[c] = new double[comparisons.get(c).levels().size()];
            java.util.Arrays.fill(u[c], 1.0);
        }
        int n = all.size();
        if (n < 2) {
            return u;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int samples = (int) Math.min(randomPairs, (long) n * (n - 1) / 2 * 4);
        for (int s = 0; s < samples; s++) {
            int i;
            int j;
            if (leftSize > 0 && leftSize < n) {
                i = rnd.nextInt(leftSize);
                j = leftSize + rnd.nextInt(n - leftSize);
            } else {
                i = rnd.nextInt(n);
                j = rnd.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
            }
            Record a = all.get(i);
            Record b = all.get(j);
            for (int c = 0; c < nc; c++) {
                int l = comparisons.get(c).compare(a, b);
                if (l >= 0) {
                    u[c][l]++;
                }
            }
        }
        for (double[] row : u) {
            double t = 0;
            for (double x : row) {
                t += x;
            }
            for (int l = 0; l < row.length; l++) {
                row[l] /= t;
            }
        }
        return u;
    }
}
