package io.dynamo.ring;

import java.util.Optional;

/**
 * One target of a request: a primary of the preference list, or a fallback standing in for the
 * primary named by {@code hintedFor} (sloppy quorum, paper §4.6). Primary versus fallback is data.
 */
public record Replica(Member member, Optional<Member> hintedFor) {
    public Replica {
        if (member == null || hintedFor == null) {
            throw new RingException("replica member and hintedFor must not be null (use Optional.empty())");
        }
        if (hintedFor.isPresent() && hintedFor.get().id().equals(member.id())) {
            throw new RingException("node " + member.id() + " cannot hold a hint for itself");
        }
    }

    public boolean isPrimary() {
        return hintedFor.isEmpty();
    }

    @Override
    public String toString() {
        return hintedFor.map(h -> member.id() + "(for " + h.id() + ")").orElseGet(() -> member.id().toString());
    }
}
