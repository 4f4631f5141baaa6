package io.dynamo.version;

import java.util.Map;

/**
 * A map from actor (a node id: server-side actors keep the vector as small as the replica set)
 * to the highest counter seen from it. Immutable. This is what a read's context carries.
 */
public final class VersionVector {
    public static VersionVector empty() {
        throw new UnsupportedOperationException("TODO");
    }

    public long counter(String actor) {
        throw new UnsupportedOperationException("TODO");
    }

    public boolean covers(Dot dot) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when this vector has seen everything {@code other} has. */
    public boolean descends(VersionVector other) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Pointwise maximum. */
    public VersionVector merge(VersionVector other) {
        throw new UnsupportedOperationException("TODO");
    }

    public Map<String, Long> entries() {
        throw new UnsupportedOperationException("TODO");
    }

    public boolean isEmpty() {
        throw new UnsupportedOperationException("TODO");
    }

    public byte[] encode() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @throws IllegalArgumentException on malformed bytes */
    public static VersionVector decode(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }
}
