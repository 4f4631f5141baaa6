package io.dynamo.client;

import io.dynamo.bulk.BulkMessage.BulkPut;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.Coordinator;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.coordinator.CoordinatorMessage.CacheKeys;
import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.KeysResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.protocol.Ack;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Java client of a cluster's data (paper §6.4, client-driven coordination): it learns the ring
 * from any seed, hashes each key itself and sends the request straight to a node of the key's
 * preference list ({@link DataRouting}). Thread-safe; share one per process. Operators' calls
 * (membership, changes, hints, repair) are the admin client's.
 */
public final class DynamoClient implements AutoCloseable {
    private static final SecureRandom REQUEST_IDS = new SecureRandom();

    private final NodeCalls calls;
    private final DataRouting routing;

    private DynamoClient(NodeCalls calls, DataRouting routing) {
        this.calls = calls;
        this.routing = routing;
    }

    /** Connects to the first seed that answers and learns the ring from it. */
    public static DynamoClient connect(ClientConfig config) {
        return NodeCalls.buildOn(NodeCalls.open(config, ClientProtocol.CODEC), calls -> new DynamoClient(calls, DataRouting.start(calls, config)));
    }

    /**
     * Like {@link #connect(ClientConfig)}, with every connection leaving from {@code outgoingFrom}:
     * a client on one side of a network cut made by per-address firewall rules (DESIGN decision 10).
     */
    public static DynamoClient connect(ClientConfig config, InetAddress outgoingFrom) {
        return NodeCalls.buildOn(NodeCalls.open(config, outgoingFrom, ClientProtocol.CODEC), calls -> new DynamoClient(calls, DataRouting.start(calls, config)));
    }

    public Ring ring() {
        return routing.ring();
    }

    /** All live versions of {@code key} and the context covering them; no values when not found. */
    public Versioned<byte[]> get(CacheSpec cache, byte[] key) {
        return await(getAsync(cache, key), cache);
    }

    public CompletableFuture<Versioned<byte[]>> getAsync(CacheSpec cache, byte[] key) {
        return readAsync(cache, key).thenApply(Read::versions);
    }

    /**
     * A get that also gives back the values the coordinator found expired, and removed, in a cache
     * whose values carry an expiry header ({@link CacheSpec#expiring()}); for EXPIRED events.
     */
    public CompletableFuture<Read> readAsync(CacheSpec cache, byte[] key) {
        return routing.route(cache, key, new Get(cache, checkKey(key), routing.clock().seen()), Failover.Retry.ON_QUORUM_FAILURE,
                GetResult.class).thenApply(r -> new Read(new Versioned<>(r.values(), Context.of(r.context())), r.expired()));
    }

    /** The cluster's time in epoch ms, as the nodes' clocks gave it in their answers (see {@link ClientClock}). */
    public long clusterMillis() {
        return routing.clock().clusterMillis();
    }

    /** Writes {@code value}, superseding what {@code context} covers; returns the new version's context. */
    public Context put(CacheSpec cache, byte[] key, Context context, byte[] value) {
        return await(putAsync(cache, key, context, value), cache);
    }

    public CompletableFuture<Context> putAsync(CacheSpec cache, byte[] key, Context context, byte[] value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        byte[] k = checkKey(key);
        return routing.write(cache, k, context.bytes(), (ctx, resent) -> new Put(cache, k, ctx, value, routing.clock().seen(), resent)).thenApply(r -> Context.of(r.context()));
    }

    /** Deletes with a versioned tombstone superseding what {@code context} covers. */
    public Context delete(CacheSpec cache, byte[] key, Context context) {
        byte[] k = checkKey(key);
        return await(routing.write(cache, k, context.bytes(), (ctx, resent) -> new Delete(cache, k, ctx, routing.clock().seen(), resent)).thenApply(r -> Context.of(r.context())), cache);
    }

    /**
     * Writes {@code value} (or deletes, when empty) only if nothing was written to the key since the
     * read that returned {@code expected}: the compare-and-set behind conditional operations, a
     * Paxos round among the key's N replicas led by the node asked. Returns whether it applied and
     * the key's state. It carries a random request id, so a re-send to the next node (after a
     * timeout, or a node that could not reach a majority) reports the first attempt's win rather
     * than applying twice.
     */
    public CasResult compareAndSet(CacheSpec cache, byte[] key, Context expected, Optional<byte[]> value) {
        return await(compareAndSetAsync(cache, key, expected, value), cache);
    }

    public CompletableFuture<CasResult> compareAndSetAsync(CacheSpec cache, byte[] key, Context expected, Optional<byte[]> value) {
        byte[] requestId = new byte[Coordinator.REQUEST_ID_BYTES];
        REQUEST_IDS.nextBytes(requestId);
        return routing.route(cache, key, new CompareAndSet(cache, checkKey(key), expected.bytes(), value, requestId),
                Failover.Retry.ON_QUORUM_FAILURE, CoordinatorMessage.CasResult.class)
                .thenApply(r -> new CasResult(r.applied(), new Versioned<>(r.values(), Context.of(r.context()))));
    }

    /**
     * Writes {@code values.get(i)} under {@code keys.get(i)} for every i, each as a put without
     * context, in large frames: the keys grouped by their coordinator (the first primary of each
     * key's preference list), one bulk put per coordinator, which writes its own replica and sends
     * each other replica one batch ({@link io.dynamo.bulk.BulkMessage}). Returns once every replica
     * of every key stored it; fails (with some keys written) when a coordinator or a replica could
     * not, so the caller re-sends the whole batch. For preloading: no sloppy quorum, no fail-over.
     * Keep a call's keys and values to a few MiB (a frame is bounded).
     */
    public void putAll(CacheSpec cache, List<byte[]> keys, List<byte[]> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("putAll needs one value per key, got " + keys.size() + " keys and " + values.size() + " values");
        }
        Ring r = routing.ring();
        Map<Member, List<Integer>> byCoordinator = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Member coordinator = DataRouting.primaries(r, cache, checkKey(keys.get(i))).get(0);
            byCoordinator.computeIfAbsent(coordinator, m -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Ack>> sent = new ArrayList<>(byCoordinator.size());
        byCoordinator.forEach((coordinator, indexes) -> {
            List<byte[]> k = new ArrayList<>(indexes.size());
            List<byte[]> v = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                k.add(keys.get(i));
                v.add(java.util.Objects.requireNonNull(values.get(i), "value"));
            }
            sent.add(calls.call(routing.address(coordinator), new BulkPut(cache, k, v), Ack.class, cache.timeout()));
        });
        await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), cache);
    }

    /**
     * Every key of {@code cache} that holds a live value on some node, each once. Asks every member;
     * fails when a member cannot answer, since its keys would be missing.
     */
    public List<byte[]> keys(CacheSpec cache) {
        List<CompletableFuture<KeysResult>> answers = new ArrayList<>();
        for (Member m : routing.ring().members()) {
            answers.add(calls.call(routing.address(m), new CacheKeys(cache.name()), KeysResult.class, cache.timeout()));
        }
        Set<ByteBuffer> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        for (CompletableFuture<KeysResult> answer : answers) {
            for (byte[] k : await(answer, cache).keys()) {
                if (seen.add(ByteBuffer.wrap(k))) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** A key as every request takes it: present and not empty. */
    public static byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }

    /** Waits long enough for the coordinator's own timeout and a fail-over. */
    private static <T> T await(CompletableFuture<T> future, CacheSpec cache) {
        return NodeCalls.await(future, cache.timeout().multipliedBy(2).plusSeconds(2), "no answer within " + cache.timeout());
    }

    /** What a read found: the live versions and their context, and the values that had expired (removed by the coordinator). */
    public record Read(Versioned<byte[]> versions, List<byte[]> expired) {
        public Read {
            expired = List.copyOf(expired);
        }
    }

    @Override
    public void close() {
        calls.close();
    }
}
