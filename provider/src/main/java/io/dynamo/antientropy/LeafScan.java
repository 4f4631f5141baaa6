package io.dynamo.antientropy;

import io.dynamo.replica.StoredKey;
import io.dynamo.spi.StorageEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The keys of one partition that fall under a set of leaves, with their states and digests: what
 * an exchange compares once the trees have narrowed the difference down to those leaves. Leaves
 * are buckets of key hashes, not key ranges, so this is one scan of the partition (of one cache's
 * range when a cache is named).
 */
final class LeafScan {
    private LeafScan() {}

    record LocalEntry(byte[] key, byte[] state, byte[] digest) {}

    static List<LocalEntry> collect(StorageEngine engine, int partition, int leafBits, BitSet leaves, String cache) {
        List<LocalEntry> out = new ArrayList<>();
        byte[] prefix = cache.isEmpty() ? new byte[0] : StoredKey.of(cache, new byte[0]);
        engine.scan(partition, prefix, (key, state) -> {
            if (!startsWith(key, prefix)) {
                return false;
            }
            if (leaves.get(KeyDigests.leafOf(key, leafBits))) {
                byte[] k = key.clone();
                byte[] s = state.clone();
                out.add(new LocalEntry(k, s, KeyDigests.digest(k, s)));
            }
            return true;
        });
        return out;
    }

    static BitSet bits(int[] leaves) {
        BitSet set = new BitSet();
        for (int leaf : leaves) {
            set.set(leaf);
        }
        return set;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
