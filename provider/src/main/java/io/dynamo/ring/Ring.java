package io.dynamo.ring;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The partitioned ring of paper §4.2, strategy 3: the 64-bit hash space cut into Q equal
 * partitions, each owned by one member. Immutable; a change of assignment is a new ring with a
 * higher epoch.
 */
public final class Ring {
    public static final int DEFAULT_PARTITIONS = 256;

    /** A balanced first assignment over {@code members}, epoch 1. */
    public static Ring create(int partitions, Collection<Member> members) {
        throw new UnsupportedOperationException("TODO");
    }

    public int partitionCount() {
        throw new UnsupportedOperationException("TODO");
    }

    public long epoch() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Members sorted by id. */
    public List<Member> members() {
        throw new UnsupportedOperationException("TODO");
    }

    public Optional<Member> member(NodeId id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The partition a key falls in: the top log2(Q) bits of its hash. */
    public int partitionOf(byte[] key) {
        throw new UnsupportedOperationException("TODO");
    }

    public NodeId owner(int partition) {
        throw new UnsupportedOperationException("TODO");
    }

    public List<Integer> partitionsOwnedBy(NodeId id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @throws RingException when {@code n} exceeds the member count or is below 1 */
    public PreferenceList preferenceList(int partition, int n) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The ring after {@code member} joins: epoch + 1, as few partitions moved as possible, balanced. */
    public Ring join(Member member) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The ring after {@code id} leaves: its partitions spread over the rest, balanced. */
    public Ring leave(NodeId id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Compact binary form, for the wire and for disk. */
    public byte[] encode() {
        throw new UnsupportedOperationException("TODO");
    }

    public static Ring decode(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }
}
