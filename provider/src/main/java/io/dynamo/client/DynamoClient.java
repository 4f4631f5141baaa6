package io.dynamo.client;

import io.dynamo.admin.AdminMessage.StatusRequest;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.coordinator.CoordinatorMessage.CacheKeys;
import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.KeysResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.handoff.HandoffMessage.HintsRequest;
import io.dynamo.handoff.HandoffMessage.HintsResult;
import io.dynamo.membership.MemberEntry;
import io.dynamo.membership.MemberState;
import io.dynamo.membership.MembershipMessage.MembersRequest;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.membership.MembershipMessage.RingRequest;
import io.dynamo.membership.MembershipMessage.RingState;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage.Change;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.rebalance.RebalanceMessage.ChangeStatus;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import io.dynamo.transport.TransportException;
import io.dynamo.version.DvvSet;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Java client of a cluster (paper §6.4, client-driven coordination): it learns the ring from
 * any seed, hashes each key itself and sends the request straight to a node of the key's
 * preference list, failing over to the next one when a node cannot be reached, and refreshing
 * its ring when a node answers with a newer epoch. Thread-safe; share one per process.
 */
public final class DynamoClient implements AutoCloseable {
    /** How often a node that could not be reached is probed while it is tried last. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final ClientConfig config;
    private final Transport transport;
    /** Nodes that could not be reached, with when to probe them next: tried last until a probe or a request gets an answer. */
    private final ConcurrentHashMap<String, Long> suspectUntil = new ConcurrentHashMap<>();
    /** Resolved once per member: building an InetSocketAddress parses the host on every call. */
    private final ConcurrentHashMap<Member, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Ring ring;
    private volatile InetSocketAddress planner;

    private DynamoClient(ClientConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
    }

    /** Connects to the first seed that answers and learns the ring from it. */
    public static DynamoClient connect(ClientConfig config) {
        return connect(config, Transport.create(transportConfig(config)));
    }

    /**
     * Like {@link #connect(ClientConfig)}, with every connection leaving from {@code outgoingFrom}:
     * a client on one side of a network cut made by per-address firewall rules (DESIGN decision 10).
     */
    public static DynamoClient connect(ClientConfig config, java.net.InetAddress outgoingFrom) {
        return connect(config, Transport.create(transportConfig(config), outgoingFrom));
    }

    private static TransportConfig transportConfig(ClientConfig config) {
        return TransportConfig.defaults(config.cluster().isEmpty() ? TransportConfig.ANY_CLUSTER : config.cluster());
    }

    private static DynamoClient connect(ClientConfig config, Transport transport) {
        DynamoClient client = new DynamoClient(config, transport);
        try {
            client.ring = client.fetchRing(resolve(config.seeds()));
            return client;
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    public Ring ring() {
        return ring;
    }

    /** All live versions of {@code key} and the context covering them; no values when not found. */
    public Versioned<byte[]> get(CacheSpec cache, byte[] key) {
        return await(getAsync(cache, key), cache);
    }

    public CompletableFuture<Versioned<byte[]>> getAsync(CacheSpec cache, byte[] key) {
        return route(cache, key, new Get(cache, checkKey(key))).thenApply(m -> {
            GetResult r = (GetResult) m;
            return new Versioned<>(r.values(), Context.of(r.context()));
        });
    }

    /** Writes {@code value}, superseding what {@code context} covers; returns the new version's context. */
    public Context put(CacheSpec cache, byte[] key, Context context, byte[] value) {
        return await(putAsync(cache, key, context, value), cache);
    }

    public CompletableFuture<Context> putAsync(CacheSpec cache, byte[] key, Context context, byte[] value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        return route(cache, key, new Put(cache, checkKey(key), context.bytes(), value))
                .thenApply(m -> Context.of(((PutResult) m).context()));
    }

    /** Deletes with a versioned tombstone superseding what {@code context} covers. */
    public Context delete(CacheSpec cache, byte[] key, Context context) {
        return await(route(cache, key, new Delete(cache, checkKey(key), context.bytes()))
                .thenApply(m -> Context.of(((PutResult) m).context())), cache);
    }

    /**
     * Writes {@code value} (or deletes, when empty) only if nothing was written to the key since the
     * read that returned {@code expected}: the compare-and-set behind conditional operations, run at
     * the key's first live preference-list node. Returns whether it applied and the key's state.
     */
    public CasResult compareAndSet(CacheSpec cache, byte[] key, Context expected, Optional<byte[]> value) {
        return await(compareAndSetAsync(cache, key, expected, value), cache);
    }

    public CompletableFuture<CasResult> compareAndSetAsync(CacheSpec cache, byte[] key, Context expected, Optional<byte[]> value) {
        return route(cache, key, new CompareAndSet(cache, checkKey(key), expected.bytes(), value)).thenApply(m -> {
            CoordinatorMessage.CasResult r = (CoordinatorMessage.CasResult) m;
            return new CasResult(r.applied(), new Versioned<>(r.values(), Context.of(r.context())));
        });
    }

    /**
     * Every key of {@code cache} that holds a live value on some node, each once. Asks every member;
     * fails when a member cannot answer, since its keys would be missing.
     */
    public List<byte[]> keys(CacheSpec cache) {
        Ring r = ring;
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (Member m : r.members()) {
            answers.add(call(address(m), new CacheKeys(cache.name()), cache.timeout()));
        }
        java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        for (CompletableFuture<Message> answer : answers) {
            for (byte[] k : ((KeysResult) await(answer, cache)).keys()) {
                if (seen.add(java.nio.ByteBuffer.wrap(k))) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** What one member holds for a key, without any quorum: for operators and tests. */
    public Optional<DvvSet> readReplica(Member member, String cache, byte[] key) {
        Ring r = ring;
        Message m = call(address(member), new ReplicaRead(cache, r.partitionOf(key), checkKey(key)), config.requestTimeout()).join();
        return ((ReplicaState) m).state().map(DvvSet::decode);
    }

    /**
     * The cluster's members as gossip shows them at the first seed (or ring member) that
     * answers: every member it has heard of, those not in the ring yet included.
     */
    public List<MemberView> members() {
        List<InetSocketAddress> ask = new ArrayList<>(resolve(config.seeds()));
        for (Member m : ring.members()) {
            ask.add(m.address());
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress a : ask) {
            try {
                MembersResult r = (MembersResult) call(a, new MembersRequest(), config.requestTimeout())
                        .get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                MembershipView view = MembershipView.decode(r.view());
                java.util.Map<io.dynamo.ring.NodeId, Integer> counts = view.ring().partitionCounts();
                List<MemberView> out = new ArrayList<>();
                for (MemberEntry e : view.members().values()) {
                    MemberState state = r.down().contains(e.member().id().value()) ? MemberState.DOWN : e.state();
                    out.add(new MemberView(e.member(), state, counts.getOrDefault(e.member().id(), 0)));
                }
                return out;
            } catch (ExecutionException | TimeoutException e) {
                failures.add(a + ": " + reason(e.getCause() == null ? e : e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
            }
        }
        throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "no node answered for the membership view: " + failures);
    }

    /**
     * Asks the first seed that answers to plan and carry out a join ({@code member} =
     * ID@HOST:PORT) or a leave ({@code member} = ID); that node reports progress to {@link #changeStatus}.
     */
    public ChangeProgress change(boolean join, String member) {
        DynamoException last = null;
        for (InetSocketAddress seed : resolve(config.seeds())) {
            try {
                Message m = call(seed, new Change(join, member, false), config.requestTimeout())
                        .get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                planner = seed;
                return (ChangeProgress) m;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DynamoException d) {
                    throw d; // the node refused the plan: a reason, not a failure to reach it
                }
                last = new DynamoException(ErrorCode.QUORUM_NOT_REACHED, seed + ": " + reason(e.getCause()));
            } catch (TimeoutException e) {
                last = new DynamoException(ErrorCode.QUORUM_NOT_REACHED, seed + ": no answer in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
            }
        }
        throw last;
    }

    /** Progress of the change last started through {@link #change}, or of the one the first seed carries out. */
    public ChangeProgress changeStatus() {
        InetSocketAddress at = planner != null ? planner : resolve(config.seeds()).get(0);
        return (ChangeProgress) await(call(at, new ChangeStatus(), config.requestTimeout()),
                CacheSpec.defaults("admin", io.dynamo.version.ConflictPolicy.SIBLINGS));
    }

    /** Hints pending on each node that answers, per intended owner: holder id -> (owner id -> count). */
    public java.util.Map<String, java.util.Map<String, Long>> hints(List<Member> holders) {
        java.util.Map<String, CompletableFuture<Message>> answers = new java.util.TreeMap<>();
        for (Member m : holders) {
            answers.put(m.id().value(), call(m.address(), new HintsRequest(), config.requestTimeout()));
        }
        java.util.Map<String, java.util.Map<String, Long>> out = new java.util.TreeMap<>();
        answers.forEach((holder, answer) -> {
            try {
                out.put(holder, ((HintsResult) answer.join()).pending());
            } catch (CompletionException e) {
                // a node that does not answer holds what it holds; the caller shows it missing
            }
        });
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
            futures.add(call(address(m), new StatusRequest(), config.requestTimeout()).handle((resp, err) -> {
                if (err != null) {
                    return new NodeStatus(m, false, Optional.of(reason(err)), 0, 0, 0, 0);
                }
                StatusResult s = (StatusResult) resp;
                return new NodeStatus(m, true, Optional.empty(), s.keys(), s.partitionsOwned(), s.uptimeMillis(), s.epoch());
            }));
        }
        List<NodeStatus> out = new ArrayList<>();
        for (CompletableFuture<NodeStatus> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    /**
     * Sends a request to the key's preference list in order, skipping nodes recently found
     * unreachable, and fails over to the next node on a transport failure. Errors a node returns
     * (quorum not reached, bad request) are answers, not failures, and are not retried elsewhere.
     */
    private CompletableFuture<Message> route(CacheSpec cache, byte[] key, Message request) {
        Ring r = ring;
        List<Member> order;
        try {
            order = orderBySuspicion(r.preferenceList(r.partitionOf(key), Math.min(cache.n(), r.members().size())).primaries());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.BAD_REQUEST, e.getMessage()));
        }
        byte[] payload = MessageCodec.encode(request);
        CompletableFuture<Message> result = new CompletableFuture<>();
        attempt(order, 0, request.type(), payload, cache.timeout(), new ArrayList<>(), result);
        return result;
    }

    private void attempt(List<Member> order, int index, int type, byte[] payload, Duration timeout, List<String> failures,
            CompletableFuture<Message> result) {
        Member target = order.get(index);
        transport.request(address(target), type, payload, timeout.plusMillis(500)).whenComplete((frame, error) -> {
            if (error == null) {
                try {
                    if (!suspectUntil.isEmpty()) {
                        suspectUntil.remove(target.id().value());
                    }
                    Message m = ClientProtocol.CODEC.decodeResponse(frame.type(), frame.payload());
                    noteEpoch(m, target);
                    result.complete(m);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failures.add(target.id() + ": " + reason(cause));
            if (cause instanceof TransportException && index + 1 < order.size()) {
                suspectUntil.putIfAbsent(target.id().value(), System.nanoTime() + PROBE_NANOS);
                attempt(order, index + 1, type, payload, timeout, failures, result);
            } else if (cause instanceof TransportException) {
                suspectUntil.putIfAbsent(target.id().value(), System.nanoTime() + PROBE_NANOS);
                result.completeExceptionally(new DynamoException(ErrorCode.QUORUM_NOT_REACHED,
                        "no node of the key's preference list could be reached: " + failures, cause));
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /**
     * The preference list with nodes that could not be reached moved last: a node seen down is
     * skipped until seen alive. Whether it is alive again is learnt by a status probe at most once
     * a second, in the background, so no request pays for the probe's timeout.
     */
    private List<Member> orderBySuspicion(List<Member> primaries) {
        if (suspectUntil.isEmpty()) {
            return primaries;
        }
        long now = System.nanoTime();
        List<Member> healthy = new ArrayList<>(primaries.size());
        List<Member> suspect = new ArrayList<>(1);
        for (Member m : primaries) {
            Long probeAt = suspectUntil.get(m.id().value());
            if (probeAt == null) {
                healthy.add(m);
                continue;
            }
            suspect.add(m);
            if (probeAt - now <= 0 && suspectUntil.replace(m.id().value(), probeAt, now + PROBE_NANOS)) {
                call(m.address(), new StatusRequest(), PROBE_TIMEOUT).whenComplete((answer, error) -> {
                    if (error == null) {
                        suspectUntil.remove(m.id().value());
                    }
                });
            }
        }
        healthy.addAll(suspect);
        return healthy;
    }

    /** A node with a newer ring than ours: learn it in the background. */
    private void noteEpoch(Message m, Member from) {
        long epoch = m instanceof GetResult g ? g.epoch() : m instanceof PutResult p ? p.epoch() : -1;
        if (epoch > ring.epoch() && refreshing.compareAndSet(false, true)) {
            call(address(from), new RingRequest(), config.requestTimeout()).whenComplete((resp, err) -> {
                if (err == null) {
                    Ring fresh = Ring.decode(((RingState) resp).ring());
                    if (fresh.epoch() > ring.epoch()) {
                        ring = fresh;
                    }
                }
                refreshing.set(false);
            });
        }
    }

    private Ring fetchRing(List<InetSocketAddress> seeds) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress seed : seeds) {
            try {
                Message m = call(seed, new RingRequest(), config.requestTimeout()).get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                return Ring.decode(((RingState) m).ring());
            } catch (ExecutionException e) {
                failures.add(seed + ": " + reason(e.getCause()));
            } catch (TimeoutException e) {
                failures.add(seed + ": no answer in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DynamoException(ErrorCode.INTERNAL, "interrupted while connecting");
            }
        }
        throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "cannot reach any seed of the cluster: " + failures);
    }

    private InetSocketAddress address(Member m) {
        return addresses.computeIfAbsent(m, Member::address);
    }

    private CompletableFuture<Message> call(InetSocketAddress to, Message request, Duration timeout) {
        return transport.request(to, request.type(), MessageCodec.encode(request), timeout).thenApply(f -> ClientProtocol.CODEC.decodeResponse(f.type(), f.payload()));
    }

    private static List<InetSocketAddress> resolve(List<InetSocketAddress> seeds) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress s : seeds) {
            out.add(s.isUnresolved() ? new InetSocketAddress(s.getHostString(), s.getPort()) : s);
        }
        return out;
    }

    private static byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }

    private static <T> T await(CompletableFuture<T> future, CacheSpec cache) {
        try {
            return future.get(cache.timeout().toMillis() * 2 + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new DynamoException(ErrorCode.INTERNAL, reason(cause), cause);
        } catch (TimeoutException e) {
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, "no answer within " + cache.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
        }
    }

    private static String reason(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public void close() {
        transport.close();
    }
}
