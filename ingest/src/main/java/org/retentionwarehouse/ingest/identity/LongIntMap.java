package org.retentionwarehouse.ingest.identity;

import java.util.Arrays;

/**
 * A map from 64-bit keys to non-negative ints, open addressing over two arrays. Identity resolution
 * keys millions of records by phone, token or name each night; in a {@code HashMap<String, ...>} that
 * cost more than the matching itself (boxed entries, and Chinese names' {@code String.hashCode}, which
 * collides so often that bins turn into trees). Text keys go in as {@link #hash}: two different keys
 * share a 64-bit hash with a probability of about 10^-19 per pair.
 */
final class LongIntMap {

    /** What {@link #get} and {@link #putIfAbsent} return for an absent key. */
    static final int ABSENT = -1;

    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Mixed in for a null text and after each text: above every {@code char}, so no text produces them. */
    private static final long NULL_TEXT = 0x10000;
    private static final long SEPARATOR = 0x10001;

    private long[] keys;
    private int[] values;
    private int size;
    private int shift;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        allocate(capacity);
    }

    /** The key's value, or {@link #ABSENT} after storing {@code value} (at least 0) for it. */
    int putIfAbsent(long key, int value) {
        int slot = find(key);
        if (values[slot] != ABSENT) {
            return values[slot];
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return ABSENT;
    }

    /** The key's value, or {@link #ABSENT}. */
    int get(long key) {
        return values[find(key)];
    }

    int size() {
        return size;
    }

    /** A 64-bit hash of a text key (FNV-1a over its chars, then a finalizer so the bits spread). */
    static long hash(String text) {
        return finish(mix(FNV_BASIS, text));
    }

    /**
     * A 64-bit hash of a key made of a number (a transaction token, or 0) and texts, any of them null,
     * as if the texts were joined by a separator no text contains. No joined string is made: joining
     * them took a fifth of the rules' samples in a flight recording of a million customers' night.
     */
    static long hash(long number, String... texts) {
        long h = FNV_BASIS ^ number;
        for (String text : texts) {
            h = text == null ? (h ^ NULL_TEXT) * FNV_PRIME : mix(h, text);
            h = (h ^ SEPARATOR) * FNV_PRIME;
        }
        return finish(h);
    }

    private static long mix(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The hash of a text key as a key list: none for null. */
    static long[] keys(String text) {
        return text == null ? new long[0] : new long[] {hash(text)};
    }

    /** The key's slot, or the empty slot where it would go: linear probing from its home slot. */
    private int find(long key) {
        int mask = keys.length - 1;
        // The top bits of a multiplicative hash, so packed keys such as bit patterns spread too.
        int slot = (int) ((key * 0x9e3779b97f4a7c15L) >>> shift);
        while (values[slot] != ABSENT && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
