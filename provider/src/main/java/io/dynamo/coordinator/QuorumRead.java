package io.dynamo.coordinator;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.version.DvvSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The I/O of a get at its coordinator: its own replica read here, R-1 other primaries asked, the
 * next one asked at once when one fails and after the hedge delay when they are slow (a hedged
 * request), so that one slow replica does not set the tail; {@link ReadRound} decides whom to ask.
 * A replica's state comes as stored and is decoded here, which refuses a corrupt one: that replica
 * counts as failed, and the next one is asked.
 */
final class QuorumRead {
    private final NodeId self;
    private final LocalReplica local;
    private final PeerClient peers;
    private final Predicate<NodeId> isUp;
    private final ReadRepair repair;
    private final Hedging hedging;
    private final LongAdder hedged = new LongAdder();

    QuorumRead(NodeId self, LocalReplica local, PeerClient peers, Predicate<NodeId> isUp, ReadRepair repair, Hedging hedging) {
        this.self = self;
        this.local = local;
        this.peers = peers;
        this.isUp = isUp;
        this.repair = repair;
        this.hedging = hedging;
    }

    /** The reconciled state of R replicas of {@code key}; stale replicas among those that answered are repaired afterwards. */
    CompletableFuture<DvvSet> read(CacheSpec cache, PreferenceList pl, byte[] key) {
        ReadRound round = new ReadRound(cache, key, pl, self, isUp, repair);
        ReplicaRead request = new ReplicaRead(cache.name(), pl.partition(), key);
        ask(round, request, round.start(self.value(), local.read(cache.name(), pl.partition(), key)), cache);
        armHedge(round, request, cache);
        return round.result();
    }

    private void armHedge(ReadRound round, ReplicaRead request, CacheSpec cache) {
        OptionalLong delay = hedging.delay().nanos();
        if (delay.isEmpty() || !round.hedgeable()) {
            return;
        }
        Runnable cancel = hedging.timer().schedule(delay.getAsLong(), () -> {
            List<Member> hedges = round.hedge();
            hedged.add(hedges.size());
            ask(round, request, hedges, cache);
            armHedge(round, request, cache); // N > 3: the next replica after another delay
        });
        round.result().whenComplete((state, error) -> cancel.run());
    }

    /** Replica reads sent as hedges since start. */
    long hedged() {
        return hedged.sum();
    }

    private void ask(ReadRound round, ReplicaRead request, List<Member> replicas, CacheSpec cache) {
        for (Member m : replicas) {
            long sent = hedging.nanoTime().getAsLong();
            call(m, request, cache).whenComplete((response, error) -> {
                List<Member> next;
                if (error != null) {
                    next = round.failed(m, PeerClient.reason(error));
                } else if (response instanceof ReplicaState s) {
                    next = answered(round, m, s, hedging.nanoTime().getAsLong() - sent);
                } else {
                    next = round.failed(m, "unexpected " + response);
                }
                ask(round, request, next, cache);
            });
        }
    }

    private List<Member> answered(ReadRound round, Member m, ReplicaState answer, long nanos) {
        Optional<DvvSet> state;
        try {
            state = answer.state().map(DvvSet::decode);
        } catch (RuntimeException corrupt) { // a malformed state throws IllegalArgumentException; anything else must not lose the read either
            return round.failed(m, "unreadable state: " + corrupt.getMessage());
        }
        hedging.delay().observe(nanos);
        return round.replied(m, state);
    }

    private CompletableFuture<Message> call(Member m, ReplicaRead request, CacheSpec cache) {
        try {
            return peers.call(m, request, cache.timeout());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
