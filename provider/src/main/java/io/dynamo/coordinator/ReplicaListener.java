package io.dynamo.coordinator;

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

    ReplicaListener NONE = (partition, key, state) -> { };
}
