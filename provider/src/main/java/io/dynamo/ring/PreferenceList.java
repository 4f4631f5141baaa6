package io.dynamo.ring;

import java.util.List;
import java.util.function.Predicate;

/**
 * The nodes responsible for a partition (paper §4.3): the first N distinct physical nodes met
 * walking clockwise from it (spread over zones when members carry zones), then every other node
 * in the order a sloppy quorum would fall back to them.
 */
public final class PreferenceList {
    public int partition() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The N primaries, in order: the first is the natural coordinator. */
    public List<Member> primaries() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every other member, in fallback order. */
    public List<Member> fallbacks() {
        throw new UnsupportedOperationException("TODO");
    }

    public boolean isPrimary(NodeId id) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The N targets of a request given which nodes are up: each primary that is up, and for each
     * primary that is down the next up fallback not already chosen, hinted for that primary. Fewer
     * than N when not enough nodes are up.
     */
    public List<Replica> targets(Predicate<NodeId> isUp) {
        throw new UnsupportedOperationException("TODO");
    }
}
