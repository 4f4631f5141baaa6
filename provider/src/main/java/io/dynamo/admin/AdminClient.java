package io.dynamo.admin;

import io.dynamo.admin.AdminMessage.StatusRequest;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.antientropy.AntiEntropyMessage.AntiEntropySettings;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStart;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStatus;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummary;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.client.InTurn;
import io.dynamo.client.NodeCalls;
import io.dynamo.client.RingSource;
import io.dynamo.handoff.HandoffMessage.HintsRequest;
import io.dynamo.handoff.HandoffMessage.HintsResult;
import io.dynamo.membership.MemberEntry;
import io.dynamo.membership.MemberState;
import io.dynamo.membership.MembershipMessage.MembersRequest;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.rebalance.RebalanceMessage.Change;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.ChangeStatus;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.version.DvvSet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The operator's client ({@code bin/dynamo admin ...}): membership and status, join and leave
 * (paper §4.9.1) with their progress, pending hints (§4.6), anti-entropy trees, repairs and
 * settings (§4.7), and what one replica holds. Apart from the data client so that neither grows
 * with the other's concerns; every call waits at most the config's request timeout (and a second).
 * It keeps the ring it learnt at connect: an admin session is short.
 */
public final class AdminClient implements AutoCloseable {
    private final ClientConfig config;
    private final NodeCalls calls;
    private final Ring ring;
    /** The node that took the last change, asked for its progress. */
    private volatile Optional<InetSocketAddress> planner = Optional.empty();

    private AdminClient(ClientConfig config, NodeCalls calls, Ring ring) {
        this.config = config;
        this.calls = calls;
        this.ring = ring;
    }

    /** Learns the ring from the first seed that answers; {@code config}'s request timeout bounds every admin call. */
    public static AdminClient connect(ClientConfig config) {
        return NodeCalls.buildOn(NodeCalls.open(config, AdminProtocol.CODEC), calls -> new AdminClient(config, calls, RingSource.fromSeeds(calls, config)));
    }

    /** Like {@link #connect(ClientConfig)}, from {@code outgoingFrom}: an operator on one side of a network cut sees that side's view. */
    public static AdminClient connect(ClientConfig config, InetAddress outgoingFrom) {
        return NodeCalls.buildOn(NodeCalls.open(config, outgoingFrom, AdminProtocol.CODEC), calls -> new AdminClient(config, calls, RingSource.fromSeeds(calls, config)));
    }

    public Ring ring() {
        return ring;
    }

    /** Every member of the ring, or only the one named (a clear error when the ring has none of that name). */
    public List<Member> ringMembers(Optional<String> node) {
        if (node.isEmpty()) {
            return ring.members();
        }
        return List.of(ring.members().stream().filter(m -> m.id().value().equals(node.get())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member '" + node.get() + "' in the ring " + ring.members())));
    }

    /**
     * The cluster's members as gossip shows them at the first seed (or ring member) that
     * answers: every member it has heard of, those not in the ring yet included.
     */
    public List<MemberView> members() {
        List<InetSocketAddress> ask = new ArrayList<>(InTurn.resolve(config.seeds()));
        for (Member m : ring.members()) {
            ask.add(m.address());
        }
        MembersResult r = InTurn.firstAnswer(calls, ask, new MembersRequest(), MembersResult.class, config.requestTimeout(),
                InTurn.OnRefusal.TRY_NEXT, "no node answered for the membership view").message();
        MembershipView view = MembershipView.decode(r.view());
        Map<NodeId, Integer> counts = view.ring().partitionCounts();
        List<MemberView> out = new ArrayList<>();
        for (MemberEntry e : view.members().values()) {
            MemberState state = r.down().contains(e.member().id().value()) ? MemberState.DOWN : e.state();
            out.add(new MemberView(e.member(), state, counts.getOrDefault(e.member().id(), 0)));
        }
        return out;
    }

    /**
     * Asks the first seed that answers to plan and carry out a join ({@code member} =
     * ID@HOST:PORT) or a leave ({@code member} = ID); that node reports progress to {@link #changeStatus}.
     * A node's refusal of the plan is thrown as its reason.
     */
    public ChangeProgress change(boolean join, String member) {
        InTurn.Answer<ChangeProgress> a = InTurn.firstAnswer(calls, InTurn.resolve(config.seeds()), new Change(join, member, false),
                ChangeProgress.class, config.requestTimeout(), InTurn.OnRefusal.THROW, "no seed answered to carry out the change");
        planner = Optional.of(a.from());
        return a.message();
    }

    /**
     * The plan of a join or leave without carrying it out (a dry run): the partitions that would
     * move and the keys and bytes that would be streamed; nothing moves.
     */
    public ChangeProgress plan(boolean join, String member) {
        return InTurn.firstAnswer(calls, InTurn.resolve(config.seeds()), new Change(join, member, true), ChangeProgress.class,
                config.requestTimeout().plusSeconds(10), InTurn.OnRefusal.THROW, "no seed answered to plan the change").message();
    }

    /** Progress of the change last started through {@link #change}, or of the one the first seed carries out. */
    public ChangeProgress changeStatus() {
        InetSocketAddress at = planner.orElseGet(() -> InTurn.resolve(config.seeds()).get(0));
        return calls.callAndWait(at, new ChangeStatus(), ChangeProgress.class, config.requestTimeout());
    }

    /** Hints pending on each of {@code holders} that answers, per intended owner: holder id -> (owner id -> count). */
    public Map<String, Map<String, Long>> hints(List<Member> holders) {
        Map<String, CompletableFuture<Optional<Map<String, Long>>>> answers = new TreeMap<>();
        for (Member m : holders) {
            // a node that does not answer holds what it holds; the caller shows it missing
            answers.put(m.id().value(), calls.call(m.address(), new HintsRequest(), HintsResult.class, config.requestTimeout())
                    .handle((r, error) -> error == null ? Optional.of(r.pending()) : Optional.empty()));
        }
        Map<String, Map<String, Long>> out = new TreeMap<>();
        answers.forEach((holder, answer) -> answer.join().ifPresent(pending -> out.put(holder, pending)));
        return out;
    }

    /** Asks every member of the ring for its status; members that do not answer are shown down. */
    public List<NodeStatus> status() {
        return status(ring.members());
    }

    /** Asks each of {@code members} for its status; those that do not answer are shown down. */
    public List<NodeStatus> status(List<Member> members) {
        List<CompletableFuture<NodeStatus>> futures = new ArrayList<>();
        for (Member m : members) {
            futures.add(calls.call(m.address(), new StatusRequest(), StatusResult.class, config.requestTimeout()).handle((s, error) -> error != null
                    ? new NodeStatus(m, false, Optional.of(PeerClient.reason(error)), 0, 0, 0, 0)
                    : new NodeStatus(m, true, Optional.empty(), s.keys(), s.partitionsOwned(), s.uptimeMillis(), s.epoch())));
        }
        List<NodeStatus> out = new ArrayList<>();
        for (CompletableFuture<NodeStatus> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    /** What one member holds for a key, without any quorum: for operators and tests. */
    public Optional<DvvSet> readReplica(Member member, String cache, byte[] key) {
        ReplicaRead read = new ReplicaRead(cache, ring.partitionOf(DynamoClient.checkKey(key)), key);
        return call(member, read, ReplicaState.class).state().map(DvvSet::decode);
    }

    /** The roots and key counts of {@code node}'s Merkle trees. */
    public TreeSummaryResult trees(Member node) {
        return call(node, new TreeSummary(), TreeSummaryResult.class);
    }

    /** Starts a full anti-entropy exchange on {@code node} (of one cache's keys, or every cache's when empty). */
    public RepairProgress startRepair(Member node, String cache) {
        return call(node, new RepairStart(cache), RepairProgress.class);
    }

    public RepairProgress repairStatus(Member node, long job) {
        return call(node, new RepairStatus(job), RepairProgress.class);
    }

    /** Sets the node's periodic interval (zero pauses), or only asks when {@code interval} is empty; returns the interval now. */
    public Duration interval(Member node, Optional<Duration> interval) {
        AntiEntropySettings s = call(node, new AntiEntropySettings(interval.map(Duration::toMillis).orElse(-1L)), AntiEntropySettings.class);
        return Duration.ofMillis(s.intervalMillis());
    }

    /** See {@link TreeComparison#differingPartitions}: partitions whose replicas' trees differ in this ring. */
    public List<Integer> differingPartitions(List<TreeSummaryResult> summaries, int n) {
        return TreeComparison.differingPartitions(ring, summaries, n);
    }

    private <T extends Message> T call(Member node, Message request, Class<T> answer) {
        return calls.callAndWait(node.address(), request, answer, config.requestTimeout());
    }

    @Override
    public void close() {
        calls.close();
    }
}
