package io.dynamo.replica;

/**
 * Told of every change to this node's replica, after it is stored: what keeps derived state
 * (Merkle trees of anti-entropy, §4.7) current without rebuilding it.
 */
@FunctionalInterface
public interface ReplicaListener {
    /**
     * @param storedKey the engine key ({@link StoredKey}: cache and key)
     * @param state     the encoded state now stored, or empty when the key was removed
     */
    void stored(int partition, byte[] storedKey, java.util.Optional<byte[]> state);

    /**
     * Like {@link #stored(int, byte[], java.util.Optional)}, also given the state stored before
     * the change (empty when the key was absent): lets a listener undo the old state's share of
     * what it derives (a Merkle leaf) without reading the engine again.
     */
    default void stored(int partition, byte[] storedKey, java.util.Optional<byte[]> previous, java.util.Optional<byte[]> state) {
        stored(partition, storedKey, state);
    }

    ReplicaListener NONE = (partition, key, state) -> { };
}
