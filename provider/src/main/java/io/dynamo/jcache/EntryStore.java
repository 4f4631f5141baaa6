package io.dynamo.jcache;

import io.dynamo.client.CasResult;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.DynamoException;
import io.dynamo.spi.ConflictResolver;
import io.dynamo.spi.Context;
import io.dynamo.spi.ValueCodec;
import io.dynamo.spi.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.CacheException;

/**
 * One cache's view of the cluster, in bytes and {@link StoredValue}s: encodes keys and values
 * with the cache's codecs, talks to the {@link DynamoClient}, and turns the store's errors into
 * {@link CacheException}s that say what failed. The JCache semantics live above it, in the operations
 * {@link DynamoJCache} delegates to.
 */
final class EntryStore<K, V> {
    /** The store refuses larger values (README); checked here to fail before the network. */
    static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

    private final DynamoClient client;
    private final CacheSpec spec;
    private final ValueCodec<K> keyCodec;
    private final ValueCodec<V> valueCodec;
    private final Optional<ConflictResolver<V>> resolver;

    EntryStore(DynamoClient client, CacheSpec spec, ValueCodec<K> keyCodec, ValueCodec<V> valueCodec, Optional<ConflictResolver<V>> resolver) {
        this.client = client;
        this.spec = spec;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.resolver = resolver;
    }

    CacheSpec spec() {
        return spec;
    }

    byte[] key(K key) {
        byte[] bytes = keyCodec.encode(key);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the key codec encoded " + key + " as no bytes; keys need at least one");
        }
        return bytes;
    }

    K decodeKey(byte[] bytes) {
        return keyCodec.decode(bytes);
    }

    V value(StoredValue stored) {
        return valueCodec.decode(stored.payload());
    }

    StoredValue stored(V value, long expiresAt) {
        byte[] payload = valueCodec.encode(value);
        if (payload.length > MAX_VALUE_BYTES - 64) {
            throw new CacheException("value too large for cache '" + spec.name() + "': " + payload.length
                    + " bytes encoded, the store's limit is " + MAX_VALUE_BYTES + " bytes");
        }
        return new StoredValue(expiresAt, payload);
    }

    /** The key's versions and context; concurrent versions of a merge cache are merged and written back. */
    Found read(byte[] key) {
        return resolve(key, await(readAsync(key)));
    }

    CompletableFuture<Found> readAsync(byte[] key) {
        return client.readAsync(spec, key).thenApply(r -> found(r.versions(), r.expired()));
    }

    /**
     * The cluster's time in epoch ms, which new expiry deadlines are measured from: the nodes'
     * clocks as their answers give them, not this client's (README "Expiry").
     */
    long now() {
        return client.clusterMillis();
    }

    /** Under the merge policy, replaces siblings by the resolver's merge, written back with the read's context. */
    Found resolve(byte[] key, Found found) {
        if (found.versions().size() < 2 || resolver.isEmpty()) {
            return found;
        }
        List<V> values = new ArrayList<>(found.versions().size());
        long expiresAt = Long.MIN_VALUE;
        for (StoredValue s : found.versions()) {
            values.add(value(s));
            expiresAt = Math.max(expiresAt, s.expiresAt());
        }
        V merged = resolver.get().resolve(values);
        if (merged == null) {
            throw new CacheException("the conflict resolver of cache '" + spec.name() + "' returned null");
        }
        StoredValue stored = stored(merged, expiresAt);
        Context context = write(key, found.context(), stored);
        return new Found(List.of(stored), context, List.of());
    }

    Context write(byte[] key, Context context, StoredValue value) {
        return await(writeAsync(key, context, value));
    }

    CompletableFuture<Context> writeAsync(byte[] key, Context context, StoredValue value) {
        return client.putAsync(spec, key, context, value.encode());
    }

    /** Writes (or deletes, when empty) only if nothing changed since the read that gave {@code context}. */
    Cas compareAndSet(byte[] key, Context context, Optional<StoredValue> value) {
        return await(compareAndSetAsync(key, context, value));
    }

    CompletableFuture<Cas> compareAndSetAsync(byte[] key, Context context, Optional<StoredValue> value) {
        return client.compareAndSetAsync(spec, key, context, value.map(StoredValue::encode)).thenApply(EntryStore::cas);
    }

    Context delete(byte[] key, Context context) {
        try {
            return client.delete(spec, key, context);
        } catch (DynamoException e) {
            throw failure(e);
        }
    }

    List<byte[]> keys() {
        try {
            return client.keys(spec);
        } catch (DynamoException e) {
            throw failure(e);
        }
    }

    /** Versions as the extended API shows them: decoded, every sibling. */
    Versioned<V> versions(Found found, long now) {
        List<V> values = new ArrayList<>();
        for (StoredValue s : found.versions()) {
            if (!s.isExpiredAt(now)) {
                values.add(value(s));
            }
        }
        return new Versioned<>(values, found.context());
    }

    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(spec.timeout().toMillis() * 2 + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new CacheException("cache '" + spec.name() + "': no answer from the cluster within " + spec.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("cache '" + spec.name() + "': interrupted while waiting for the cluster");
        }
    }

    CacheException failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof CacheException ce) {
            return ce;
        }
        if (cause instanceof DynamoException de) {
            return new CacheException("cache '" + spec.name() + "' (N=" + spec.n() + ", R=" + spec.r() + ", W=" + spec.w() + "): "
                    + de.getMessage(), de);
        }
        return new CacheException("cache '" + spec.name() + "': " + cause, cause);
    }

    private static Found found(Versioned<byte[]> read, List<byte[]> expired) {
        return new Found(decode(read.values()), read.context(), decode(expired));
    }

    private static List<StoredValue> decode(List<byte[]> values) {
        List<StoredValue> decoded = new ArrayList<>(values.size());
        for (byte[] v : values) {
            decoded.add(StoredValue.decode(v));
        }
        return decoded;
    }

    private static Cas cas(CasResult r) {
        return new Cas(r.applied(), found(r.current(), List.of()));
    }

    /**
     * What a read found: the versions on the store and the read's context. A get's versions are
     * live in the cluster's time (the coordinator decided expiry and removed a key whose every
     * version expired, giving those back as {@code expired}); a compare-and-set's may hold expired ones.
     */
    record Found(List<StoredValue> versions, Context context, List<StoredValue> expired) {
        Found {
            versions = List.copyOf(versions);
            expired = List.copyOf(expired);
        }
    }

    /** A compare-and-set's outcome and the key's state after it. */
    record Cas(boolean applied, Found state) {
    }
}
