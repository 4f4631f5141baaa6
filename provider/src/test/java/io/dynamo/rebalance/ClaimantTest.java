package io.dynamo.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.rebalance.ChangeClaims.Claim;
import io.dynamo.rebalance.RebalanceMessage.ClaimChange;
import io.dynamo.rebalance.RebalanceMessage.ClaimResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.transport.TransportException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two planners of one ring, each with the members' votes served in process: at most one wins, and the loser frees its votes. */
class ClaimantTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private final List<Member> members = List.of(Member.parse("n1@10.0.0.1:7000"), Member.parse("n2@10.0.0.2:7000"),
            Member.parse("n3@10.0.0.3:7000"), Member.parse("n4@10.0.0.4:7000"), Member.parse("n5@10.0.0.5:7000"));
    private final Ring ring = Ring.create(16, members);
    private final Map<String, ChangeClaims> votes = new LinkedHashMap<>();
    private final java.util.Set<String> down = new java.util.HashSet<>();

    ClaimantTest() {
        members.forEach(m -> votes.put(m.id().value(), new ChangeClaims(m.id().value(), LEASE)));
    }

    @Test
    void ofTwoPlannersAskingAtOnceOneWinsAndTheOtherIsRefusedWithTheWinnersChange() throws Exception {
        Claim join = new Claim("join of n6@10.0.0.6:7000", "n1", ring.epoch());
        Claim leave = new Claim("leave of n4", "n2", ring.epoch());
        CompletableFuture<Claimant.Outcome> a = claimant(0).acquire(ring, join);
        CompletableFuture<Claimant.Outcome> b = claimant(1).acquire(ring, leave);
        Claimant.Outcome first = a.get(10, TimeUnit.SECONDS);
        Claimant.Outcome second = b.get(10, TimeUnit.SECONDS);
        assertThat(first.won() ^ second.won()).as("exactly one wins: %s / %s", first, second).isTrue();
        Claimant.Outcome lost = first.won() ? second : first;
        Claim winner = first.won() ? join : leave;
        assertThat(lost.refusal()).startsWith("another change is in progress: " + winner.what());
        Claimant.Outcome won = first.won() ? first : second;
        assertThat(won.voters()).hasSizeGreaterThanOrEqualTo(3);
        // The loser freed what it got: a third planner finds every vote but the winner's free.
        Claim third = new Claim("leave of n5", "n3", ring.epoch());
        for (Member m : members) {
            boolean granted = votes.get(m.id().value()).claim(third, ring.epoch(), System.nanoTime()).granted();
            assertThat(granted).as("%s's vote for a third planner", m.id()).isEqualTo(!won.voters().contains(m));
        }
    }

    @Test
    void withoutAMajorityAnsweringTheChangeIsRefused() throws Exception {
        down.addAll(List.of("n3", "n4", "n5"));
        Claimant.Outcome o = claimant(0).acquire(ring, new Claim("leave of n2", "n1", ring.epoch())).get(10, TimeUnit.SECONDS);
        assertThat(o.won()).isFalse();
        assertThat(o.refusal()).contains("did not answer").endsWith("(2 of 5 members agreed, 3 needed)");
    }

    private Claimant claimant(int index) {
        Member self = members.get(index);
        return new Claimant(self.id(), votes.get(self.id().value()), FakePeers.members(this::serve), Duration.ofSeconds(1));
    }

    private CompletableFuture<Message> serve(Member peer, Message request, Duration timeout) {
        if (down.contains(peer.id().value())) {
            return CompletableFuture.failedFuture(new TransportException("connection refused"));
        }
        ClaimChange c = (ClaimChange) request;
        Claim claim = new Claim(c.what(), c.planner(), c.baseEpoch());
        ChangeClaims v = votes.get(peer.id().value());
        if (c.release()) {
            v.release(claim);
            return CompletableFuture.completedFuture(new ClaimResult(true, ""));
        }
        ChangeClaims.Vote vote = v.claim(claim, ring.epoch(), System.nanoTime());
        // Answered on another thread, as the network would: the two planners' requests interleave.
        return CompletableFuture.supplyAsync(() -> new ClaimResult(vote.granted(), vote.reason()));
    }
}
