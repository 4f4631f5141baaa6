package io.dynamo.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.membership.MembershipMessage.Gossip;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.transport.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several Membership instances gossiping over an in-memory network, rounds driven by hand. */
class GossipConvergenceTest {
    private final Map<InetSocketAddress, Membership> network = new ConcurrentHashMap<>();
    private final Set<NodeId> dead = new HashSet<>();
    private final List<Membership> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(Membership::close);
    }

    @Test
    void aNodeStartedWithSeedsOnlyIsKnownToAllAsJoiningAndEveryoneAdoptsANewRing() {
        List<Member> members = List.of(member(1), member(2), member(3));
        Ring ring = Ring.create(16, members);
        for (Member m : members) {
            start(m, MembershipView.of(ring), othersOf(members, m)); // as bin/dynamo: static members double as seeds
        }
        Member newcomer = member(4);
        // As bin/dynamo node --seeds does: the first view comes from a seed.
        MembershipView fromSeed = MembershipView.decode(((MembersResult) network.get(members.get(0).address()).members()).view());
        Membership joining = start(newcomer, fromSeed, List.of(members.get(0).address()));
        assertThat(joining.view().entry(newcomer.id()).orElseThrow().state()).isEqualTo(MemberState.JOINING);

        rounds(3);
        for (Membership n : nodes) {
            assertThat(n.view().entry(newcomer.id())).as("view of %s", n.self()).isPresent();
            assertThat(n.view().entry(newcomer.id()).orElseThrow().state()).isEqualTo(MemberState.JOINING);
        }

        nodes.get(1).proposeRing(ring.join(newcomer));
        rounds(3);
        for (Membership n : nodes) {
            assertThat(n.ring()).as("ring of %s", n.self()).isEqualTo(ring.join(newcomer));
        }
        assertThat(joining.view().entry(newcomer.id()).orElseThrow().state()).as("in the ring, it is up").isEqualTo(MemberState.UP);
        rounds(2);
        MembershipView first = nodes.get(0).view();
        for (Membership n : nodes) {
            assertThat(n.view().ring()).isEqualTo(first.ring());
            assertThat(n.view().members().keySet()).isEqualTo(first.members().keySet());
        }
    }

    @Test
    void aNodeThatStopsAnsweringIsHeldDownByThePeersThatTryToReachIt() {
        List<Member> members = List.of(member(1), member(2), member(3));
        Ring ring = Ring.create(16, members);
        for (Member m : members) {
            start(m, MembershipView.of(ring), othersOf(members, m)); // as bin/dynamo: static members double as seeds
        }
        rounds(2);
        assertThat(nodes.get(0).isUp(member(3).id())).isTrue();
        dead.add(member(3).id());
        rounds(1);
        assertThat(nodes.get(0).isUp(member(3).id())).isFalse();
        assertThat(nodes.get(0).members().down()).containsExactly("n3");
        dead.clear();
        rounds(1);
        assertThat(nodes.get(0).isUp(member(3).id())).isTrue();
    }

    /** A planner's last step: the new ring reaches every member at once, with no gossip round, and a dead one does not hold it up. */
    @Test
    void spreadPushesTheRingToEveryMemberAtOnceAndCountsThoseThatAdoptedIt() throws Exception {
        List<Member> members = List.of(member(1), member(2), member(3), member(4));
        Ring ring = Ring.create(16, members);
        for (Member m : members) {
            start(m, MembershipView.of(ring), List.of());
        }
        dead.add(member(4).id());
        Ring next = ring.leave(member(4).id());
        Membership planner = nodes.get(0);
        planner.proposeRing(next);

        int adopted = planner.spread(Duration.ofSeconds(5)).get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(adopted).isEqualTo(2);
        for (Membership n : nodes.subList(0, 3)) {
            assertThat(n.ring()).as("ring of %s", n.self()).isEqualTo(next);
        }
        assertThat(nodes.get(3).ring()).isEqualTo(ring);
    }

    private Membership start(Member m, MembershipView view, List<InetSocketAddress> seeds) {
        MembershipView withSelf = view.with(Membership.selfEntry(m, view.ring(), 1_000 + nodes.size()));
        PeerClient transport = FakePeers.addresses((to, request, timeout) -> {
            Membership target = network.get(to);
            if (target == null || dead.contains(target.self()) || dead.contains(m.id())) {
                return CompletableFuture.failedFuture(new TransportException("connection refused"));
            }
            return CompletableFuture.completedFuture(target.handleGossip((Gossip) request));
        });
        Membership node = new Membership(m.id(), withSelf, seeds, transport,
                PhiAccrualDetector.forInterval(Duration.ofSeconds(1)), Duration.ofSeconds(1), nodes.size());
        network.put(m.address(), node);
        nodes.add(node);
        return node;
    }

    private void rounds(int count) {
        for (int i = 0; i < count; i++) {
            for (Membership n : nodes) {
                if (!dead.contains(n.self())) {
                    n.round();
                }
            }
        }
    }

    private static List<InetSocketAddress> othersOf(List<Member> members, Member self) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Member m : members) {
            if (!m.equals(self)) {
                out.add(m.address());
            }
        }
        return out;
    }

    private static Member member(int i) {
        return Member.parse("n" + i + "@10.0.0." + i + ":7000");
    }
}
