package org.retentionwarehouse.ingest.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Candidate pairs: records sharing any blocking key (the joined normalised values of the key's
 * roles; a key with a missing role gives no block). Blocks larger than the cap are skipped with a
 * warning, since such a key (a placeholder phone, a very common name) says little and costs quadratically.
 */
final class Blocking {

    /** Candidate pairs as parallel index arrays ({@code left[k] < right[k]} for dedupe). */
    record Pairs(int[] left, int[] right) {
        int size() {
            return left.length;
        }
    }

    private Blocking() {
    }

    /**
     * @param side null for dedupe (pairs i &lt; j), else the side of each record (pairs only across sides, left first)
     */
    static Pairs candidates(List<Record> records, boolean[] side, List<List<Role>> keys, int maxBlock, List<String> warnings) {
        int n = records.size();
        Map<String, Integer> blockIds = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        int[][] recordBlocks = new int[n][];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Record r = records.get(i);
            int[] ids = new int[keys.size()];
            int count = 0;
            for (int k = 0; k < keys.size(); k++) {
                sb.setLength(0);
                sb.append(k);
                boolean ok = true;
                for (Role role : keys.get(k)) {
                    String v = r.get(role);
                    if (v == null) {
                        ok = false;
                        break;
                    }
                    sb.append('\u0001').append(v);
                }
                if (!ok) {
                    continue;
                }
                String key = sb.toString();
                Integer id = blockIds.get(key);
                if (id == null) {
                    id = members.size();
                    blockIds.put(key, id);
                    members.add(new ArrayList<>(2));
                }
                members.get(id).add(i);
                ids[count++] = id;
            }
            recordBlocks[i] = java.util.Arrays.copyOf(ids, count);
        }
        int[][] blocks = new int[members.size()][];
        int[] skippedPerKey = new int[keys.size()];
        int[] largestPerKey = new int[keys.size()];
        for (Map.Entry<String, Integer> e : blockIds.entrySet()) {
            List<Integer> m = members.get(e.getValue());
            if (m.size() > maxBlock) {
                int k = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('\u0001')));
                skippedPerKey[k]++;
                largestPerKey[k] = Math.max(largestPerKey[k], m.size());
                blocks[e.getValue()] = new int[0];
            } else {
                blocks[e.getValue()] = m.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            if (skippedPerKey[k] > 0) {
                warnings.add("blocking key " + keys.get(k).stream().map(Role::key).toList() + ": skipped "
                        + skippedPerKey[k] + " block(s) larger than " + maxBlock + " records (largest " + largestPerKey[k]
                        + "); a value shared that widely is probably a placeholder or too coarse a key");
            }
        }
        ThreadLocal<int[]> stamps = ThreadLocal.withInitial(() -> new int[n]);
        int[][] partners = IntStream.range(0, n).parallel().mapToObj(i -> {
            if (side != null && side[i]) {
                return new int[0];
            }
            int[] stamp = stamps.get();
            int[] buf = new int[8];
            int count = 0;
            for (int b : recordBlocks[i]) {
                for (int j : blocks[b]) {
                    boolean wanted = side == null ? j > i : side[j];
                    if (wanted && stamp[j] != i + 1) {
                        stamp[j] = i + 1;
                        if (count == buf.length) {
                            buf = java.util.Arrays.copyOf(buf, count * 2);
                        }
                        buf[count++] = j;
                    }
                }
            }
            return java.util.Arrays.copyOf(buf, count);
        }).toArray(int[][]::new);
        int total = 0;
        for (int[] p : partners) {
            total += p.length;
        }
        int[] left = new int[total];
        int[] right = new int[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j : partners[i]) {
                left[k] = i;
                right[k++] = j;
            }
        }
        return new Pairs(left, right);
    }
}
