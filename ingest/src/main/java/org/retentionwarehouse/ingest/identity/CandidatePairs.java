package org.retentionwarehouse.ingest.identity;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Blocking: the pairs of customer records worth comparing, those that share a phone, an ID number,
 * a transaction (vehicle or order), or a name's sound in one city. Each pair once, as
 * {@code (i << 32) | j} with {@code i < j}. A block larger than its limit (a fleet's pool phone, a common
 * name in a big city) would add its square in pairs for little evidence, so it is skipped and counted.
 *
 * <p>Name blocks have a lower limit than the others. A name's sound shared by more records in one city
 * than that is no evidence by itself; its records still meet through their phones, ID numbers and
 * transactions. Without the lower limit a large group's name blocks grow with the square of its size:
 * 124 million pairs for 1 million customers against 13.6 million with it, precision and recall
 * within 0.001 of each other, and a third less time (BENCHMARKS.md).
 */
final class CandidatePairs {

    private long[] pairs = new long[1024];
    private int size;
    private int skippedBlocks;

    private CandidatePairs() {
    }

    static CandidatePairs of(List<CustomerRecord> records, int maxBlockSize, int maxNameBlockSize) {
        CandidatePairs out = new CandidatePairs();
        out.block(records, maxBlockSize, r -> LongIntMap.keys(r.phone()));
        out.block(records, maxBlockSize, r -> LongIntMap.keys(r.idHash()));
        out.block(records, maxBlockSize, CustomerRecord::transactions);
        out.block(records, maxNameBlockSize, r -> r.sound() == null ? new long[0]
                : new long[] {LongIntMap.hash(0, r.sound(), r.city() != null ? r.city() : r.storeId())});
        out.deduplicate();
        return out;
    }

    /** Packed pairs, sorted, each once. */
    long[] pairs() {
        return Arrays.copyOf(pairs, size);
    }

    /** Blocks skipped for exceeding the size limit. */
    int skippedBlocks() {
        return skippedBlocks;
    }

    private void block(List<CustomerRecord> records, int maxBlockSize, Function<CustomerRecord, long[]> keys) {
        // Blocks as dense ids, then their members by counting sort, in record order: arrays, not a
        // map of lists, for millions of records.
        LongIntMap blockOf = new LongIntMap(records.size());
        int[] entryRecord = new int[records.size()];
        int[] entryBlock = new int[records.size()];
        int entries = 0;
        for (int i = 0; i < records.size(); i++) {
            for (long key : keys.apply(records.get(i))) {
                int block = blockOf.putIfAbsent(key, blockOf.size());
                if (entries == entryRecord.length) {
                    entryRecord = Arrays.copyOf(entryRecord, entries * 2);
                    entryBlock = Arrays.copyOf(entryBlock, entries * 2);
                }
                entryRecord[entries] = i;
                entryBlock[entries++] = block == LongIntMap.ABSENT ? blockOf.size() - 1 : block;
            }
        }
        int[] start = new int[blockOf.size() + 1];
        for (int e = 0; e < entries; e++) {
            start[entryBlock[e] + 1]++;
        }
        for (int b = 0; b < blockOf.size(); b++) {
            start[b + 1] += start[b];
        }
        int[] members = new int[entries];
        int[] next = Arrays.copyOf(start, blockOf.size());
        for (int e = 0; e < entries; e++) {
            members[next[entryBlock[e]]++] = entryRecord[e];
        }
        for (int b = 0; b < blockOf.size(); b++) {
            if (start[b + 1] - start[b] > maxBlockSize) {
                skippedBlocks++;
                continue;
            }
            for (int x = start[b]; x < start[b + 1]; x++) {
                for (int y = x + 1; y < start[b + 1]; y++) {
                    add(members[x], members[y]);
                }
            }
        }
    }

    private void add(int i, int j) {
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[size++] = ((long) Math.min(i, j) << 32) | Math.max(i, j);
    }

    private void deduplicate() {
        Arrays.parallelSort(pairs, 0, size);
        int unique = 0;
        for (int k = 0; k < size; k++) {
            if (unique == 0 || pairs[k] != pairs[unique - 1]) {
                pairs[unique++] = pairs[k];
            }
        }
        size = unique;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }
}
