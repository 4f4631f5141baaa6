package io.dynamo.coordinator;

import io.dynamo.consensus.Acceptor;
import io.dynamo.consensus.Leader;
import io.dynamo.consensus.PrimaryReplicas;
import io.dynamo.consensus.Round;
import io.dynamo.coordinator.CoordinatorMessage.CasResult;
import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.coordinator.CoordinatorMessage.WriteIncomplete;
import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.replica.StoredKey;
import io.dynamo.replica.StoredState;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Replica;
import io.dynamo.ring.Ring;
import io.dynamo.ring.RingException;
import io.dynamo.ring.WriteTargets;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.Dot;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.Sibling;
import io.dynamo.version.VersionVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinates client requests at a node of the key's preference list (paper §5, §6.4): a put gets
 * a new version here, is written locally and sent to the other N-1 replicas, and is answered
 * after W acknowledgements; a get reads here and asks R-1 other replicas, a further one when one
 * fails or is slow ({@link QuorumRead}), answers after R, and afterwards repairs the replicas that
 * answered with stale state ({@link ReadRepair}, §5). Quorum arithmetic lives in {@link PutQuorum}
 * and {@link GetQuorum}.
 */
public final class Coordinator {
    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    /** The length of a compare-and-set's request id: 128 random bits, chosen by the client. */
    public static final int REQUEST_ID_BYTES = 16;
    private static final String CAS_ACTOR_SUFFIX = "/cas";

    private final NodeId self;
    private final Supplier<Ring> ring;
    private final LocalReplica local;
    private final PeerClient peers;
    private final HybridLogicalClock clock;
    private final Predicate<NodeId> isUp;
    private final HintSink hints;
    private final ReadRepair repair;
    private final Forwarding forwarding;
    private final QuorumRead reads;
    // Counted for operators (metrics): how often the sloppy quorum of §4.6 was needed.
    private final LongAdder sloppyWrites = new LongAdder();
    private final LongAdder hintsKept = new LongAdder();
    private final Acceptor acceptor;
    private final Leader leader;

    /** A coordinator that holds every node up, keeps no hints and never hedges a get (a static cluster). */
    public Coordinator(NodeId self, Supplier<Ring> ring, LocalReplica local, PeerClient peers, HybridLogicalClock clock, Acceptor acceptor, Executor storage) {
        this(self, ring, local, peers, clock, id -> true, HintSink.NONE, acceptor, storage, Hedging.off());
    }

    /**
     * @param isUp  the local failure detector's verdict: nodes held down are not asked, and
     *              writes for them go to fallbacks with a hint (sloppy quorum, paper §4.6)
     * @param hints where this node keeps states for replicas that could take them neither
     *              directly nor through a fallback
     * @param acceptor this node's side of the per-key Paxos rounds that conditional writes lead
     * @param storage where storage work that follows a peer's reply runs (read repair of this
     *              node's replica): the node's storage threads, not the network thread of the reply
     * @param hedging when a get asks one more replica than R needs ({@link QuorumRead})
     */
    public Coordinator(NodeId self, Supplier<Ring> ring, LocalReplica local, PeerClient peers, HybridLogicalClock clock,
            Predicate<NodeId> isUp, HintSink hints, Acceptor acceptor, Executor storage, Hedging hedging) {
        this.self = self;
        this.ring = ring;
        this.local = local;
        this.peers = peers;
        this.clock = clock;
        this.isUp = isUp;
        this.hints = hints;
        this.repair = new ReadRepair(self, local, peers, storage);
        this.forwarding = new Forwarding(self, peers, isUp);
        this.reads = new QuorumRead(self, local, peers, isUp, repair, hedging);
        this.acceptor = acceptor;
        this.leader = new Leader(self.value(), clock::now, new SplittableRandom());
    }

    /** What this coordinator has done so far beyond plain quorums: sloppy-quorum writes, hints kept here, read repairs. */
    public CoordinatorStats stats() {
        return new CoordinatorStats(sloppyWrites.sum(), hintsKept.sum(), repair.repaired(), reads.hedged());
    }

    /**
     * A put ({@code value} present) or delete (empty) of {@code key}.
     *
     * @param request the client's message, handed on ({@link Forwarding}) when this node is not a replica of the key
     * @param seen    the highest timestamp the client has seen: this write is stamped after it
     * @param resent  an earlier attempt went unanswered: it is read for, and superseded ({@link ResentWrite})
     */
    public CompletableFuture<Message> write(Message request, CacheSpec cache, byte[] key, byte[] context, Optional<byte[]> value,
            long seen, boolean resent) {
        Ring current = ring.get();
        PreferenceList pl = preferenceList(current, cache, key);
        if (!pl.isPrimary(self)) {
            // Only a replica may pick the next dot: it holds every dot it ever issued for the key.
            // A fallback never coordinates, even when every primary is down: its dots for the key
            // would live only in hints, deleted once handed over, so a later write there could
            // reissue a dot already used. Such a write fails (the client sees every primary down).
            return forwarding.forward(pl, current.epoch(), request, cache);
        }
        VersionVector ctx = decodeContext(context);
        if (resent) {
            return reads.read(cache, pl, key).exceptionally(e -> local.read(cache.name(), pl.partition(), key).orElse(DvvSet.empty()))
                    .thenCompose(stored -> write(request, cache, key, ResentWrite.cover(ctx, stored, value).encode(), value, seen, false));
        }
        observeClient(seen);
        return local.submitWrite(cache.name(), pl.partition(), key, ctx, self.value(), clock.now(), value, cache.policy()).thenCompose(stored -> {
            long after = clock.current();
            // The answer covers what the client saw plus this write, not the whole stored state: that can
            // hold concurrent siblings the client never saw, and a put with it would drop them unread.
            byte[] answer = ctx.seenWith(new Dot(self.value(), stored.state().context().counter(self.value()))).encode();
            // Short of W it is stored here anyway: re-sent elsewhere with this answer's context, it supersedes this attempt.
            return replicate(cache, pl, key, stored, new PutResult(current.epoch(), answer, after)).exceptionally(error -> {
                if (PeerClient.unwrap(error) instanceof QuorumNotReachedException q) {
                    return new WriteIncomplete(current.epoch(), answer, q.getMessage(), after);
                }
                throw error instanceof RuntimeException r ? r : new CompletionException(error);
            });
        });
    }

    /**
     * A get of {@code key}: the reconciled versions of R replicas. In a cache whose values carry an
     * {@link ExpiryHeader}, a value whose deadline passed on this node's clock is not live; when no
     * live value is left, this node removes the key (a tombstone over what the read saw, through
     * the normal write path, so every replica agrees) before it answers, the expired values given
     * back for the client's EXPIRED events. A write the read did not see survives the tombstone.
     *
     * @param seen the highest timestamp the client has seen, observed by this node's clock
     */
    public CompletableFuture<Message> read(Message request, CacheSpec cache, byte[] key, long seen) {
        Ring current = ring.get();
        PreferenceList pl = preferenceList(current, cache, key);
        if (!pl.isPrimary(self)) {
            return forwarding.forward(pl, current.epoch(), request, cache);
        }
        observeClient(seen);
        return reads.read(cache, pl, key).thenCompose(merged -> {
            List<byte[]> values = valuesOf(merged);
            byte[] context = merged.context().encode();
            long after = Math.max(clock.current(), newest(merged));
            if (!cache.expiring()) {
                return CompletableFuture.completedFuture(new GetResult(current.epoch(), values, context, after, List.of()));
            }
            long now = clock.wallMillis();
            List<byte[]> live = values.stream().filter(v -> !ExpiryHeader.isExpiredAt(v, now)).toList();
            if (!live.isEmpty() || values.isEmpty()) {
                return CompletableFuture.completedFuture(new GetResult(current.epoch(), live, context, after, List.of()));
            }
            return write(request, cache, key, context, Optional.empty(), 0, false).handle((removed, error) -> {
                if (error != null) {
                    log.debug("cannot remove expired key of cache {}: {}", cache.name(), PeerClient.reason(error));
                }
                byte[] ctx = removed instanceof PutResult p ? p.context() : removed instanceof WriteIncomplete w ? w.context() : context;
                return new GetResult(current.epoch(), List.of(), ctx, clock.current(), values);
            });
        });
    }

    /** Folds a client's last seen timestamp into this node's clock; one beyond the bound on clock skew is refused. */
    private void observeClient(long seen) {
        try {
            clock.observe(seen);
        } catch (IllegalArgumentException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "the request's last seen timestamp: " + e.getMessage()
                    + " (a node's clock runs ahead of this one by more than --max-clock-skew)");
        }
    }

    private static long newest(DvvSet state) {
        long newest = 0;
        for (Sibling s : state.siblings()) {
            newest = Math.max(newest, s.timestamp());
        }
        return newest;
    }

    /**
     * A conditional write: applies only if nothing was written since the read whose context the
     * client hands back. This node leads a Paxos round among the key's N primaries (any node may,
     * for any key): the condition is checked on a majority's state, and the new state is chosen
     * by a majority before it is committed to the replicas, so two conditional writes of one key
     * never both apply on the same state (linearizable per key while a majority is reachable).
     */
    public CompletableFuture<Message> compareAndSet(CompareAndSet request) {
        CacheSpec cache = request.cache();
        Ring current = ring.get();
        PreferenceList pl = preferenceList(current, cache, request.key());
        if (request.requestId().length != REQUEST_ID_BYTES) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "a compare-and-set needs a request id of " + REQUEST_ID_BYTES
                    + " bytes, got " + request.requestId().length);
        }
        VersionVector expected = decodeContext(request.expected());
        // Dots of conditional writes come from an actor of their own: a round's dot is taken from the
        // majority's state and chosen before any replica stores it, so it must never meet a dot
        // that this node's local writes issue from its own replica.
        String actor = self.value() + CAS_ACTOR_SUFFIX;
        Round round = new Round(cache.name(), pl.partition(), request.key(), cache.policy(), request.requestId(), cache.timeout(),
                merged -> merged.context().equals(expected)
                        ? Optional.of(next(merged, expected, actor, request.value(), cache))
                        : Optional.empty());
        return leader.lead(round, new PrimaryReplicas(self, pl.primaries(), acceptor, peers, isUp, cache.timeout()))
                .thenApply(d -> new CasResult(current.epoch(), d.applied(), valuesOf(d.state()), d.state().context().encode()));
    }

    private DvvSet next(DvvSet merged, VersionVector expected, String actor, Optional<byte[]> value, CacheSpec cache) {
        DvvSet next = value.isPresent() ? merged.put(expected, actor, clock.now(), value.get()) : merged.delete(expected, actor, clock.now());
        return cache.policy() == ConflictPolicy.LAST_WRITE_WINS ? next.lastWriteWins() : next;
    }

    /**
     * Sends a state written here to the key's other replicas and completes with {@code answer}
     * after W acknowledgements, this node's included (paper §4.5). Sloppy quorum (§4.6): a primary
     * the failure detector holds down is replaced by the next live fallback, sent the state with a
     * hint naming it, and that fallback's acknowledgement counts. When no fallback is left (fewer
     * live nodes than N, e.g. N=3 on three nodes with one down), or when a replica or fallback
     * fails to take the write, this node keeps the hint itself: it does not count toward W (this
     * node already did), but the owner gets the write once it is back.
     */
    private CompletableFuture<Message> replicate(CacheSpec cache, PreferenceList pl, byte[] key, StoredState stored, Message answer) {
        PutQuorum quorum = new PutQuorum(cache.w(), pl.primaries().size());
        CompletableFuture<Message> result = new CompletableFuture<>();
        WriteTargets targets = pl.writeTargets(isUp);
        byte[] encoded = stored.encoded(); // the bytes stored here, not encoded again; and one ReplicaWrite for every primary
        QuorumOutcome first;
        String failure;
        synchronized (quorum) {
            quorum.ack(self.value());
            for (Member p : targets.uncovered()) {
                hintHere(p.id(), cache, pl.partition(), key, stored.state());
                quorum.fail(p.id().value(), "down, hinted at " + self);
            }
            first = quorum.outcome();
            failure = first == QuorumOutcome.FAILED ? quorum.describe() : "";
        }
        if (first == QuorumOutcome.REACHED) {
            result.complete(answer);
        } else if (first == QuorumOutcome.FAILED) {
            result.completeExceptionally(new QuorumNotReachedException(failure));
        }
        ReplicaWrite replicate = new ReplicaWrite(cache.name(), pl.partition(), key, cache.policy(), cache.n(), encoded);
        for (Replica r : targets.replicas()) {
            Member m = r.member();
            if (m.id().equals(self)) {
                continue;
            }
            NodeId owner = r.hintedFor().orElse(m).id();
            if (r.hintedFor().isPresent()) {
                sloppyWrites.increment();
            }
            Message write = r.hintedFor().isEmpty() ? replicate
                    : new HintedWrite(owner.value(), cache.name(), pl.partition(), key, cache.policy(), encoded);
            peers.call(m, write, cache.timeout()).whenComplete((response, error) -> {
                if (error != null) {
                    hintHere(owner, cache, pl.partition(), key, stored.state());
                }
                QuorumOutcome outcome;
                String why;
                synchronized (quorum) {
                    outcome = error == null ? quorum.ack(r.toString()) : quorum.fail(r.toString(), PeerClient.reason(error));
                    why = outcome == QuorumOutcome.FAILED ? quorum.describe() : "";
                }
                if (outcome == QuorumOutcome.REACHED) {
                    result.complete(answer);
                } else if (outcome == QuorumOutcome.FAILED) {
                    result.completeExceptionally(new QuorumNotReachedException(why));
                }
            });
        }
        return result;
    }

    private void hintHere(NodeId owner, CacheSpec cache, int partition, byte[] key, DvvSet state) {
        hintsKept.increment();
        try {
            hints.store(owner, partition, StoredKey.of(cache.name(), key), cache.policy(), state);
        } catch (RuntimeException e) {
            log.warn("cannot keep a hint for {}: {}", owner, e.toString());
        }
    }

    /**
     * The values a client sees, equal ones once: a put re-sent elsewhere after its first attempt's
     * answer was lost (a client timeout) cannot name that attempt's dot, so the key can hold the
     * same bytes twice; the read's context covers both, and the next write supersedes both.
     */
    private static List<byte[]> valuesOf(DvvSet state) {
        List<byte[]> values = new ArrayList<>(state.values().size());
        for (Sibling s : state.values()) {
            byte[] v = s.value();
            if (values.stream().noneMatch(seen -> Arrays.equals(seen, v))) {
                values.add(v);
            }
        }
        return values;
    }

    private PreferenceList preferenceList(Ring current, CacheSpec cache, byte[] key) {
        try {
            return current.preferenceList(current.partitionOf(key), cache.n());
        } catch (RingException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "cache '" + cache.name() + "': " + e.getMessage());
        }
    }

    private static VersionVector decodeContext(byte[] context) {
        if (context.length == 0) {
            return VersionVector.empty();
        }
        try {
            return VersionVector.decode(context);
        } catch (IllegalArgumentException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "malformed context: " + e.getMessage());
        }
    }

}
