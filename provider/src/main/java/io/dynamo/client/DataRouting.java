package io.dynamo.client;

import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.coordinator.CoordinatorMessage.WriteIncomplete;
import io.dynamo.membership.MembershipMessage.RingRequest;
import io.dynamo.membership.MembershipMessage.RingState;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.transport.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Routes a data request to its key's coordinator, composed Voldemort-style of one-job parts: the
 * ring's preference list picks the nodes, {@link Failover} tries them (suspects last, as
 * {@link Suspects} keeps them), and {@link RingRefresh} learns a newer ring when an answer shows one.
 */
final class DataRouting {
    /** How often a node that could not be reached is probed while it is tried last. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** Beyond the cache's timeout, for the coordinator to answer that its quorum was not reached. */
    private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    private final NodeCalls calls;
    private final RingRefresh ring;
    private final Failover failover;
    private final ClientClock clock = ClientClock.system();
    /** Resolved once per member: building an InetSocketAddress parses the host on every call. */
    private final ConcurrentHashMap<Member, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    private DataRouting(NodeCalls calls, Ring initial, Duration requestTimeout) {
        this.calls = calls;
        this.ring = new RingRefresh(initial, m -> RingSource.from(calls, address(m), requestTimeout));
        this.failover = new Failover(new Suspects(System::nanoTime, PROBE_NANOS,
                m -> calls.call(m.address(), new RingRequest(), RingState.class, PROBE_TIMEOUT)));
    }

    /** Learns the ring from the first seed that answers. */
    static DataRouting start(NodeCalls calls, ClientConfig config) {
        return new DataRouting(calls, RingSource.fromSeeds(calls, config), config.requestTimeout());
    }

    Ring ring() {
        return ring.current();
    }

    /** The clocks the answers carried: what requests carry, and the cluster's time. */
    ClientClock clock() {
        return clock;
    }

    InetSocketAddress address(Member m) {
        return addresses.computeIfAbsent(m, Member::address);
    }

    /** Sends {@code request} for {@code key} to the first node of its preference list that can be reached (and, per {@code retry}, reach its quorum). */
    <T extends Message> CompletableFuture<T> route(CacheSpec cache, byte[] key, Message request, Failover.Retry retry, Class<T> answer) {
        Duration timeout = cache.timeout().plus(ANSWER_MARGIN);
        return send(cache, key, retry, m -> calls.call(address(m), request, answer, timeout));
    }

    /**
     * A put or delete, {@code request} built with the context to send: first {@code context}; after
     * a coordinator stored the write short of W, the context it answered with, so the next
     * coordinator's write supersedes that attempt (one logical write, one sibling). After an
     * attempt that went unanswered (it may be stored all the same), the next is marked re-sent, and
     * its coordinator supersedes what that attempt may have stored.
     */
    CompletableFuture<PutResult> write(CacheSpec cache, byte[] key, byte[] context, WriteRequest request) {
        Duration timeout = cache.timeout().plus(ANSWER_MARGIN);
        AtomicReference<byte[]> sent = new AtomicReference<>(context);
        AtomicBoolean unanswered = new AtomicBoolean();
        return send(cache, key, Failover.Retry.ON_QUORUM_FAILURE,
                m -> calls.call(address(m), request.build(sent.get(), unanswered.get()), CoordinatorMessage.class, timeout)
                        .whenComplete((a, error) -> unanswered.compareAndSet(false, error != null
                                && PeerClient.unwrap(error) instanceof TransportException))
                        .thenApply(a -> {
                    if (a instanceof WriteIncomplete w) {
                        clock.saw(w.clock());
                        sent.set(w.context());
                        throw new QuorumNotReachedException(w.reason());
                    }
                    if (a instanceof PutResult p) {
                        return p;
                    }
                    throw new DynamoException(ErrorCode.INTERNAL, "unexpected answer to a write: " + a);
                }));
    }

    /** Builds a write's message from the context to send and whether an earlier attempt went unanswered. */
    @FunctionalInterface
    interface WriteRequest {
        Message build(byte[] context, boolean resent);
    }

    /** The primaries of {@code key}'s preference list under {@code r}, in order (no more than the ring's members). */
    static List<Member> primaries(Ring r, CacheSpec cache, byte[] key) {
        return r.preferenceList(r.partitionOf(key), Math.min(cache.n(), r.members().size())).primaries();
    }

    private <T extends Message> CompletableFuture<T> send(CacheSpec cache, byte[] key, Failover.Retry retry,
            Function<Member, CompletableFuture<T>> call) {
        List<Member> preference;
        try {
            preference = primaries(ring.current(), cache, key);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.BAD_REQUEST, e.getMessage()));
        }
        return failover.send(preference, retry, call).thenApply(a -> {
            ring.seen(epochOf(a.message()), a.from());
            clock.saw(clockOf(a.message()));
            return a.message();
        });
    }

    /** The clock a data answer carries, or 0 for one that carries none. */
    private static long clockOf(Message m) {
        return m instanceof GetResult g ? g.clock() : m instanceof PutResult p ? p.clock() : 0;
    }

    /** The ring epoch a data answer carries, or -1 for one that carries none. */
    private static long epochOf(Message m) {
        return m instanceof GetResult g ? g.epoch() : m instanceof PutResult p ? p.epoch() : -1;
    }
}
