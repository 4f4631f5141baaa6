package io.dynamo.jcache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Entry processors ({@code invoke}, {@code invokeAll}). A processor runs here, on a local
 * {@link DynamoMutableEntry} of the value read; what it did is then applied by compare-and-set on
 * that read's version (a Paxos round among the key's replicas). A round that times out or cannot
 * reach a majority is re-sent by the client with the same request id, never re-run here; only
 * when another writer changed the entry since the read does the processor run again, on the new
 * value, as it must. The write-through runs once, for the attempt that applied (README
 * "Conditional operations").
 */
final class EntryProcessing<K, V> {
    private final CacheParts<K, V> parts;

    EntryProcessing(CacheParts<K, V> parts) {
        this.parts = parts;
    }

    <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        EntryEvents<K, V> events = parts.events();
        Processed<T> done = parts.loop().run(k, key, "invoke", events, (cur, now, attempt) -> {
            V old = cur.present() ? cur.value() : null;
            DynamoMutableEntry<K, V> entry = new DynamoMutableEntry<>(key, old, parts.through().loaderForProcessors());
            T result;
            try {
                result = processor.process(entry, arguments);
            } catch (Exception e) {
                events.publish();
                throw e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
            }
            return apply(k, key, cur, entry, now, events) ? Optional.of(new Processed<>(result, cur.present(), entry.operation()))
                    : Optional.empty();
        });
        events.publish();
        parts.stats().hit(done.existed());
        switch (done.operation()) {
            case CREATE, UPDATE -> parts.stats().puts(1, start);
            case REMOVE -> parts.stats().removals(done.existed() ? 1 : 0, start);
            default -> {
            }
        }
        return done.result();
    }

    /**
     * Runs {@code invoke} on each key; a key's failure becomes its result (thrown by
     * {@code EntryProcessorResult.get}), and keys whose processor returned null have no result.
     */
    static <K, T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, Function<K, T> invoke) {
        Map<K, EntryProcessorResult<T>> results = new LinkedHashMap<>();
        for (K key : keys) {
            try {
                T r = invoke.apply(key);
                if (r != null) {
                    results.put(key, () -> r);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            } catch (CacheException e) {
                EntryProcessorException wrapped = new EntryProcessorException(e);
                results.put(key, () -> {
                    throw wrapped;
                });
            }
        }
        return results;
    }

    /** Applies what the processor did by compare-and-set on the read's version; false when another write came first. */
    private boolean apply(byte[] k, K key, CurrentEntry<K, V> cur, DynamoMutableEntry<K, V> entry, long now, EntryEvents<K, V> events) {
        switch (entry.operation()) {
            case NONE -> {
                return true;
            }
            case ACCESS -> {
                parts.reader().touch(k, cur, now);
                return true;
            }
            case CREATE -> {
                return parts.writer().create(k, key, entry.value(), cur, now, events, () -> parts.through().write(key, entry.value()))
                        != EntryWriter.Creation.LOST_RACE;
            }
            case LOAD -> {
                return parts.writer().create(k, key, entry.value(), cur, now, events) != EntryWriter.Creation.LOST_RACE;
            }
            case UPDATE -> {
                return parts.writer().update(k, key, entry.value(), cur, now, events, () -> parts.through().write(key, entry.value()));
            }
            case REMOVE -> {
                if (!cur.present()) {
                    parts.through().delete(key);
                    return true;
                }
                return parts.writer().remove(k, key, cur, events, () -> parts.through().delete(key));
            }
            default -> throw new IllegalStateException("unknown operation " + entry.operation());
        }
    }

    /** A processor's result, whether the key existed when it ran, and what it did. */
    private record Processed<T>(T result, boolean existed, DynamoMutableEntry.Operation operation) {
    }
}
