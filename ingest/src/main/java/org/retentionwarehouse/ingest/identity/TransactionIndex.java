package org.retentionwarehouse.ingest.identity;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Each customer record's transaction tokens, gathered on the driver from the {@code (record_hash, token)}
 * rows of {@link CustomerEvidence#transactions}. A {@code collect_set} per record in Spark was the
 * largest part of a million customers' evidence (17 million tokens through its sort-based fallback);
 * here the tasks pack their rows into arrays of longs and the driver groups them with a counting sort.
 *
 * <p>Records are found by the 64-bit hash of their key ({@link CustomerEvidence#recordHash}). Two
 * records sharing a hash (a probability of about 3·10^-7 among a million customers' 3.2 million
 * records) would share their transactions, the same harm as two tokens sharing a hash.
 */
final class TransactionIndex {

    /** Pairs per packed array a task sends: 16 MB, however large its partition. */
    private static final int PAIRS_PER_CHUNK = 1 << 20;
    private static final long[] NONE = new long[0];

    private final LongIntMap ids;
    /** Record {@code i}'s distinct tokens, ascending, are {@code tokens[start[i]] .. tokens[end[i] - 1]}. */
    private final int[] start;
    private final int[] end;
    private final long[] tokens;

    private TransactionIndex(LongIntMap ids, int[] start, int[] end, long[] tokens) {
        this.ids = ids;
        this.start = start;
        this.end = end;
        this.tokens = tokens;
    }

    /** Collects the tokens a partition at a time, so the driver never holds them as rows. */
    static TransactionIndex collect(Dataset<Row> transactions) {
        Iterator<byte[]> chunks = transactions.select("record_hash", "token")
                .mapPartitions(TransactionIndex::pack, Encoders.BINARY()).toLocalIterator();
        LongIntMap ids = new LongIntMap(1 << 16);
        int[] owner = new int[1 << 16];
        long[] token = new long[1 << 16];
        int n = 0;
        while (chunks.hasNext()) {
            LongBuffer pairs = ByteBuffer.wrap(chunks.next()).asLongBuffer();
            int count = pairs.remaining() / 2;
            if (n + count > owner.length) {
                int capacity = Math.max(n + count, owner.length * 2);
                owner = Arrays.copyOf(owner, capacity);
                token = Arrays.copyOf(token, capacity);
            }
            for (int i = 0; i < count; i++) {
                long record = pairs.get();
                int id = ids.putIfAbsent(record, ids.size());
                owner[n] = id == LongIntMap.ABSENT ? ids.size() - 1 : id;
                token[n++] = pairs.get();
            }
        }
        return group(ids, owner, token, n);
    }

    /** Counting sort by record, then each record's tokens sorted and without repeats. */
    private static TransactionIndex group(LongIntMap ids, int[] owner, long[] token, int n) {
        int records = ids.size();
        int[] start = new int[records + 1];
        for (int k = 0; k < n; k++) {
            start[owner[k] + 1]++;
        }
        for (int i = 0; i < records; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, records);
        long[] grouped = new long[n];
        for (int k = 0; k < n; k++) {
            grouped[next[owner[k]]++] = token[k];
        }
        int[] end = new int[records];
        for (int i = 0; i < records; i++) {
            Arrays.sort(grouped, start[i], start[i + 1]);
            int last = start[i];
            for (int k = start[i]; k < start[i + 1]; k++) {
                if (k == start[i] || grouped[k] != grouped[last - 1]) {
                    grouped[last++] = grouped[k];
                }
            }
            end[i] = last;
        }
        return new TransactionIndex(ids, Arrays.copyOf(start, records), end, grouped);
    }

    /** The record's distinct tokens, ascending; none for a record without transactions. */
    long[] of(long recordHash) {
        int id = ids.get(recordHash);
        return id == LongIntMap.ABSENT ? NONE : Arrays.copyOfRange(tokens, start[id], end[id]);
    }

    /** A task's rows as arrays of {@code record_hash, token} pairs. */
    private static Iterator<byte[]> pack(Iterator<Row> rows) {
        List<byte[]> chunks = new ArrayList<>();
        LongBuffer chunk = LongBuffer.allocate(2 * PAIRS_PER_CHUNK);
        while (rows.hasNext()) {
            Row r = rows.next();
            chunk.put(r.getLong(0)).put(r.getLong(1));
            if (!chunk.hasRemaining() || !rows.hasNext()) {
                ByteBuffer bytes = ByteBuffer.allocate(chunk.position() * Long.BYTES);
                bytes.asLongBuffer().put(chunk.flip());
                chunks.add(bytes.array());
                chunk.clear();
            }
        }
        return chunks.iterator();
    }
}
