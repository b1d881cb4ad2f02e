package org.retentionwarehouse.simulator.random;

/**
 * A keyed bijection of {@code [0, size)}: a small Feistel network with cycle walking.
 *
 * <p>Source-system ids, phone numbers and ID numbers are permuted person numbers, so they are unique
 * by construction (no registry of used values is needed) yet look random and differ per store, which
 * keeps naive matching on id numbers from working.
 */
public final class KeyedPermutation {

    private static final int ROUNDS = 4;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    /** Permutation of {@code [0, size)} selected by {@code key}. */
    public KeyedPermutation(long size, long key) {
        if (size < 2) {
            throw new IllegalArgumentException("permutation domain must hold at least 2 values: " + size);
        }
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        if ((bits & 1) == 1) {
            bits++;
        }
        this.size = size;
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        for (int i = 0; i < ROUNDS; i++) {
            roundKeys[i] = Seeds.mix(key + i * 0x632BE59BD9B4E019L);
        }
    }

    /** Size of the domain. */
    public long size() {
        return size;
    }

    /** The image of {@code value}, which must lie in {@code [0, size)}. */
    public long apply(long value) {
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException("value " + value + " outside [0, " + size + ")");
        }
        long x = value;
        do {
            x = encrypt(x);
        } while (x >= size);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long k : roundKeys) {
            long next = left ^ (Seeds.mix(right ^ k) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
