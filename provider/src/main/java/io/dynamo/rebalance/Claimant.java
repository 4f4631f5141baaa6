package io.dynamo.rebalance;

import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.ChangeClaims.Claim;
import io.dynamo.rebalance.ChangeClaims.Vote;
import io.dynamo.rebalance.RebalanceMessage.ClaimChange;
import io.dynamo.rebalance.RebalanceMessage.ClaimResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The planner's side of {@link ChangeClaims}: asks every member of the ring a change is planned
 * from for its vote, and wins with a majority of them. Two planners of one ring cannot both
 * win; a loser frees the votes it got, and its change is refused before it moved anything.
 */
final class Claimant {
    /** How long a vote holds unrenewed: a planner that died frees the ring after this. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** How often a planner renews its votes while its change runs. */
    static final Duration RENEW = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    private static final String SILENT = " did not answer: ";

    private final NodeId self;
    private final ChangeClaims local;
    private final PeerClient peers;
    private final Duration timeout;

    /** The votes a claim got: {@code won} with a majority; else {@code refusal} says why. */
    record Outcome(boolean won, List<Member> voters, String refusal) {}

    Claimant(NodeId self, ChangeClaims local, PeerClient peers, Duration timeout) {
        this.self = self;
        this.local = local;
        this.peers = peers;
        this.timeout = timeout;
    }

    /**
     * Asks for the votes, up to {@link #ATTEMPTS} times: two planners that asked at the same
     * moment may split the votes so that neither has a majority; both free theirs and ask again
     * after a random pause, and the first to ask again wins. Against a change that holds a
     * majority, every attempt is refused with that change's description.
     */
    CompletableFuture<Outcome> acquire(Ring ring, Claim claim) {
        return attempt(ring, claim, 1);
    }

    private CompletableFuture<Outcome> attempt(Ring ring, Claim claim, int attempt) {
        return acquireOnce(ring, claim).thenCompose(outcome -> {
            if (outcome.won() || attempt >= ATTEMPTS) {
                return CompletableFuture.completedFuture(outcome);
            }
            long pause = ThreadLocalRandom.current().nextLong(50, 400) * attempt;
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS))
                    .thenCompose(paused -> attempt(ring, claim, attempt + 1));
        });
    }

    private CompletableFuture<Outcome> acquireOnce(Ring ring, Claim claim) {
        List<Member> members = ring.members();
        List<CompletableFuture<Vote>> votes = new ArrayList<>();
        for (Member m : members) {
            votes.add(vote(m, claim, ring.epoch()));
        }
        return CompletableFuture.allOf(votes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Member> voters = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Vote v = votes.get(i).join();
                if (v.granted()) {
                    voters.add(members.get(i));
                } else {
                    refusals.add(v.reason());
                }
            }
            int majority = members.size() / 2 + 1;
            if (voters.size() >= majority) {
                return new Outcome(true, voters, "");
            }
            release(voters, claim);
            // The change that holds the ring says most, then a stale plan, then a silent member.
            String reason = refusals.stream().min(Comparator.comparingInt(Claimant::weight)).orElseThrow();
            return new Outcome(false, List.of(), reason + " (" + voters.size() + " of " + members.size() + " members agreed, "
                    + majority + " needed)");
        });
    }

    /** Renews the votes of a claim that won, so they outlast its change; a member that does not answer keeps its lease. */
    void renew(List<Member> voters, Claim claim, long epoch) {
        voters.forEach(m -> vote(m, claim, epoch));
    }

    void release(List<Member> voters, Claim claim) {
        for (Member m : voters) {
            if (m.id().equals(self)) {
                local.release(claim);
            } else {
                peers.call(m, message(claim, true), ClaimResult.class, timeout); // a lost release ends with the lease
            }
        }
    }

    private CompletableFuture<Vote> vote(Member m, Claim claim, long epoch) {
        if (m.id().equals(self)) {
            return CompletableFuture.completedFuture(local.claim(claim, epoch, System.nanoTime()));
        }
        return peers.call(m, message(claim, false), ClaimResult.class, timeout).handle((r, error) -> error == null
                ? new Vote(r.granted(), r.reason())
                : new Vote(false, m.id() + SILENT + PeerClient.unwrap(error).getMessage()));
    }

    private static int weight(String refusal) {
        return refusal.startsWith(ChangeClaims.HELD_ELSEWHERE) ? 0 : refusal.contains(SILENT) ? 2 : 1;
    }

    private static ClaimChange message(Claim claim, boolean release) {
        return new ClaimChange(claim.what(), claim.planner(), claim.baseEpoch(), release);
    }
}
