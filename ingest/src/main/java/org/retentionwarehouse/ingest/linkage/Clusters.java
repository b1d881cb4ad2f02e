package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedupe clusters: transitive closure of the pairs at or above the threshold, taken in descending
 * probability, refusing any union that would put two records with conflicting date of birth or ID
 * number in one cluster (both present and at the comparison's "different" level: a transposed day and
 * month or a one-character ID typo is not a conflict). So a family phone cannot chain two people with
 * different birth dates.
 */
public final class Clusters {

    private Clusters() {
    }

    /**
     * Cluster id per record id, in record order; a cluster's id is the id of its first record in input order.
     */
    public static Map<String, String> of(List<Record> records, List<ScoredPair> pairs, double threshold) {
        int n = records.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (index.putIfAbsent(records.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate record id " + records.get(i).id());
            }
        }
        int[] parent = new int[n];
        List<List<Record>> guard = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            List<Record> g = new ArrayList<>(1);
            Record r = records.get(i);
            if (r.get(Role.DATE_OF_BIRTH) != null || r.get(Role.ID_NUMBER) != null) {
                g.add(r);
            }
            guard.add(g);
        }
        List<ScoredPair> sorted = pairs.stream().filter(p -> p.matchProbability() >= threshold)
                .sorted(Comparator.comparingDouble(ScoredPair::matchProbability).reversed()).toList();
        for (ScoredPair p : sorted) {
            Integer a = index.get(p.leftId());
            Integer b = index.get(p.rightId());
            if (a == null || b == null) {
                continue;
            }
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra == rb || conflict(guard.get(ra), guard.get(rb))) {
                continue;
            }
            if (guard.get(ra).size() < guard.get(rb).size()) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            guard.get(ra).addAll(guard.get(rb));
            guard.set(rb, null);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String[] rootName = new String[n];
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (rootName[r] == null) {
                rootName[r] = records.get(i).id();
            }
            out.put(records.get(i).id(), rootName[r]);
        }
        return out;
    }

    private static boolean conflict(List<Record> x, List<Record> y) {
        for (Record a : x) {
            for (Record b : y) {
                if (Comparison.DateComparison.level(a.get(Role.DATE_OF_BIRTH), b.get(Role.DATE_OF_BIRTH)) == 2) {
                    return true;
                }
                String ia = a.get(Role.ID_NUMBER);
                String ib = b.get(Role.ID_NUMBER);
                if (ia != null && ib != null && !ia.equals(ib) && Similarity.levenshtein(ia, ib, 1) > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
