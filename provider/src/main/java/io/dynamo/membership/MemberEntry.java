package io.dynamo.membership;

import io.dynamo.ring.Member;
import java.util.Objects;

/**
 * One member as gossip knows it: where it listens, its declared state, and its heartbeat. Only
 * the member itself writes its entry: it raises {@code heartbeat} every gossip round, and picks a
 * new {@code generation} (its start time) each time it starts, so that an entry from a restarted
 * node beats every entry of its previous life whatever the heartbeats (Cassandra's scheme).
 */
public record MemberEntry(Member member, MemberState state, long generation, long heartbeat) {
    public MemberEntry {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(state, "state");
        if (state == MemberState.DOWN) {
            throw new IllegalArgumentException("a node never declares itself down: DOWN is a local verdict");
        }
        if (generation < 0 || heartbeat < 0) {
            throw new IllegalArgumentException("generation and heartbeat must be >= 0");
        }
    }

    /** Whether this entry supersedes {@code other}: a later generation, or the same one with a higher heartbeat. */
    public boolean newerThan(MemberEntry other) {
        if (generation != other.generation) {
            return generation > other.generation;
        }
        if (heartbeat != other.heartbeat) {
            return heartbeat > other.heartbeat;
        }
        // Same version from the same node is the same entry; a tie-break keeps merges deterministic anyway.
        return state.compareTo(other.state) > 0;
    }

    public MemberEntry beat() {
        return new MemberEntry(member, state, generation, heartbeat + 1);
    }

    public MemberEntry withState(MemberState next) {
        return new MemberEntry(member, next, generation, heartbeat + 1);
    }
}
