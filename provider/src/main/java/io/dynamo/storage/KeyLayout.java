package io.dynamo.storage;

import java.util.Arrays;
import java.util.Optional;

/**
 * The partition-first key layout: a stored key is the partition as 4 big-endian bytes followed
 * by the caller's key. Under unsigned byte order every partition is then one contiguous range,
 * so handoff and anti-entropy (paper §4.6, §4.7) move a partition with a single range scan.
 */
final class KeyLayout {
    static final int PREFIX_BYTES = Integer.BYTES;

    private KeyLayout() {}

    static byte[] encode(int partition, byte[] key) {
        byte[] stored = new byte[PREFIX_BYTES + key.length];
        writePrefix(partition, stored);
        System.arraycopy(key, 0, stored, PREFIX_BYTES, key.length);
        return stored;
    }

    /** The first stored key a partition can hold (inclusive). */
    static byte[] partitionStart(int partition) {
        byte[] start = new byte[PREFIX_BYTES];
        writePrefix(partition, start);
        return start;
    }

    /**
     * The first stored key past a partition (exclusive): the next partition's prefix. Partitions
     * are non-negative ints, so the successor always fits in 4 unsigned bytes.
     */
    static byte[] partitionEnd(int partition) {
        byte[] end = new byte[PREFIX_BYTES];
        long next = Integer.toUnsignedLong(partition) + 1;
        end[0] = (byte) (next >>> 24);
        end[1] = (byte) (next >>> 16);
        end[2] = (byte) (next >>> 8);
        end[3] = (byte) next;
        return end;
    }

    static byte[] userKey(byte[] stored) {
        return Arrays.copyOfRange(stored, PREFIX_BYTES, stored.length);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The smallest byte string greater than every string starting with {@code prefix}, used as an
     * exclusive scan bound; none when the prefix is empty or all 0xFF bytes.
     */
    static Optional<byte[]> prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    private static void writePrefix(int partition, byte[] target) {
        target[0] = (byte) (partition >>> 24);
        target[1] = (byte) (partition >>> 16);
        target[2] = (byte) (partition >>> 8);
        target[3] = (byte) partition;
    }
}
