package io.dynamo.membership;

/**
 * A member's declared state in the gossiped view (paper §4.8.1). {@code DOWN} is never declared
 * by a node about itself: it is what a node's own failure detector concludes, shown beside the
 * gossiped state (failure detection is local, §4.8.3).
 */
public enum MemberState {
    /** Known to the cluster's gossip but owning no partition yet: waits for {@code admin join}. */
    JOINING,
    /** Owns partitions of the ring (or may, after a plan). */
    UP,
    /** Handing its partitions over before it goes. */
    LEAVING,
    /** Seen down by the local failure detector. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
