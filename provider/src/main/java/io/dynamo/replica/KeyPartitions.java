package io.dynamo.replica;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.ring.Ring;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks that a write from a peer names the partition its key hashes to under this node's ring
 * (paper §4.2: a key's partition follows from its hash alone). A write filed under another
 * partition would sit where no read, hand-off or Merkle exchange of its key ever looks, and move
 * with the wrong range; it is refused and nothing is stored.
 */
public final class KeyPartitions {
    private final Supplier<Ring> ring;

    public KeyPartitions(Supplier<Ring> ring) {
        this.ring = ring;
    }

    /** @throws DynamoException (bad request) when {@code key} is not in {@code partition} */
    public void require(int partition, byte[] key) {
        int actual = ring.get().partitionOf(key);
        if (actual != partition) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "a key of partition " + actual + " was sent as one of partition "
                    + partition + ": refused");
        }
    }

    /** Like {@link #require} for each engine key ({@link StoredKey}) of a batch, before any is written. */
    public void requireStored(int partition, List<byte[]> storedKeys) {
        for (byte[] stored : storedKeys) {
            if (stored.length == 0 || 1 + (stored[0] & 0xFF) > stored.length) {
                throw new DynamoException(ErrorCode.BAD_REQUEST, "malformed stored key of " + stored.length + " bytes");
            }
            require(partition, StoredKey.keyOf(stored));
        }
    }
}
