package io.dynamo.ring;

import java.util.Optional;

/**
 * One target of a request: a primary of the preference list, or a fallback standing in for the
 * primary named by {@code hintedFor} (sloppy quorum, paper §4.6). Primary versus fallback is data.
 */
public record Replica(Member member, Optional<Member> hintedFor) {
    public boolean isPrimary() {
        return hintedFor.isEmpty();
    }
}
