package io.dynamo.version;

import java.util.List;

/**
 * A dotted version vector set (Almeida et al.; riak_dt's dvvset): the causal history of a key as
 * a version vector, plus the siblings not yet superseded, each with its dot. Immutable.
 *
 * <p>Writes use server-side actors: the coordinating node's id gets the new dot, so a write needs
 * no read first and the vector stays bounded by the number of nodes, never of clients.
 */
public final class DvvSet {
    public static DvvSet empty() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * A write coordinated by {@code actor}: a new sibling at the next dot of {@code actor},
     * replacing exactly the siblings {@code context} covers; the others stay as siblings.
     */
    public DvvSet put(VersionVector context, String actor, long timestamp, byte[] value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Like {@link #put} with a tombstone. */
    public DvvSet delete(VersionVector context, String actor, long timestamp) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Merges another replica's state: commutative, associative, idempotent. */
    public DvvSet sync(DvvSet other) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Keeps only the sibling with the greatest (timestamp, dot); the others stay covered by the
     * clock so they never come back. Deterministic, so replicas converge.
     */
    public DvvSet lastWriteWins() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The context a read returns: covers every sibling. */
    public VersionVector context() {
        throw new UnsupportedOperationException("TODO");
    }

    public List<Sibling> siblings() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The siblings that are values, not tombstones. */
    public List<Sibling> values() {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when nothing was ever written (no clock, no siblings). */
    public boolean isEmpty() {
        throw new UnsupportedOperationException("TODO");
    }

    public byte[] encode() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @throws IllegalArgumentException on malformed bytes */
    public static DvvSet decode(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }
}
