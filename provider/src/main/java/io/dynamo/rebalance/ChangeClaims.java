package io.dynamo.rebalance;

import java.time.Duration;
import java.util.Optional;

/**
 * This node's vote on who may change the ring (paper §4.9: joins and leaves are explicit; here
 * they are also exclusive). A planner must win the votes of a majority of the ring's members
 * before its first move ({@link Claimant}), so two changes planned at two nodes, or one planned
 * twice by a client that retried elsewhere after a timeout, never both chain their own rings:
 * the loser is refused before it moves anything, instead of seeing its moves undone by gossip
 * without the data streamed back. riak_core gets the same from a single claimant node; a
 * majority lease keeps any node able to plan, and a planner that dies frees the vote when its
 * lease runs out.
 *
 * <p>The vote is also a compare-and-set on the ring epoch: a plan made from an older ring than
 * this node holds is refused, so a change is always planned from the ring the previous one left.
 */
final class ChangeClaims {
    /** A planner's claim: the change ({@code what}), where it was planned, and the epoch of the ring it was planned from. */
    record Claim(String what, String planner, long baseEpoch) {
        String describe() {
            return what + " planned at " + planner + " from ring epoch " + baseEpoch;
        }
    }

    /** A vote: granted, or refused with the reason an operator reads. */
    record Vote(boolean granted, String reason) {
        static final Vote GRANTED = new Vote(true, "");
    }

    private record Held(Claim claim, long expiresAtNanos) {}

    /** How a refusal for a change that holds the vote begins. */
    static final String HELD_ELSEWHERE = "another change is in progress: ";

    private final String self;
    private final Duration lease;
    private Optional<Held> held = Optional.empty();

    /** @param lease how long a vote holds without its planner renewing it */
    ChangeClaims(String self, Duration lease) {
        this.self = self;
        this.lease = lease;
    }

    /**
     * Grants {@code claim} unless another planner's unexpired claim holds this node's vote or
     * the claim was planned from a ring older than {@code ringEpoch}. The holder renewing its
     * claim is granted (its ring moves on as it goes); a planner's new claim replaces its own old
     * one (it runs one change at a time: the old one ended, or the planner restarted).
     */
    synchronized Vote claim(Claim claim, long ringEpoch, long nowNanos) {
        Optional<Held> current = held.filter(h -> h.expiresAtNanos - nowNanos > 0);
        if (current.isPresent() && current.get().claim.equals(claim)) {
            held = Optional.of(new Held(claim, nowNanos + lease.toNanos()));
            return Vote.GRANTED;
        }
        if (current.isPresent() && !current.get().claim.planner().equals(claim.planner())) {
            Claim other = current.get().claim;
            return new Vote(false, HELD_ELSEWHERE + other.describe() + (other.what().equals(claim.what())
                    ? " (the same change, started there: follow it with admin status)" : "") + "; try again once it is done");
        }
        if (claim.baseEpoch() < ringEpoch) {
            return new Vote(false, "the ring changed since " + claim.what() + " was planned (planned from epoch " + claim.baseEpoch()
                    + ", " + self + " holds epoch " + ringEpoch + "): plan it again");
        }
        held = Optional.of(new Held(claim, nowNanos + lease.toNanos()));
        return Vote.GRANTED;
    }

    /** Frees the vote if {@code claim} holds it. */
    synchronized void release(Claim claim) {
        if (held.isPresent() && held.get().claim.equals(claim)) {
            held = Optional.empty();
        }
    }
}
