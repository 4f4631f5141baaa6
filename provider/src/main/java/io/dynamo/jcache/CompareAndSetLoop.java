package io.dynamo.jcache;

import java.util.Optional;
import javax.cache.CacheException;

/**
 * The retry of conditional operations (DESIGN decision 11): read the key, check the condition
 * here, write by compare-and-set on the version read; when another writer got there first, read
 * again and retry, up to {@link #MAX_ATTEMPTS} times.
 */
final class CompareAndSetLoop<K, V> {
    /** Compare-and-set attempts before a conditional operation gives up under contention. */
    static final int MAX_ATTEMPTS = 32;

    private final EntryReader<K, V> reader;
    private final String cacheName;

    CompareAndSetLoop(EntryReader<K, V> reader, String cacheName) {
        this.reader = reader;
        this.cacheName = cacheName;
    }

    /** Runs {@code attempt} on fresh reads of the key until it gives an outcome. */
    <R> R run(byte[] k, K key, String operation, EntryEvents<K, V> events, Attempt<K, V, R> attempt) {
        for (int n = 1; ; n++) {
            long now = reader.now();
            Optional<R> outcome = attempt.apply(reader.read(k, key, now, events), now, n);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            checkAttempts(n, operation, key, cacheName);
        }
    }

    static void checkAttempts(int attempt, String operation, Object key, String cacheName) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new CacheException(operation + " on key " + key + " of cache '" + cacheName + "' lost " + attempt
                    + " compare-and-set races in a row to concurrent writers; giving up");
        }
    }

    /** One attempt on the entry as read at {@code now}: its outcome, or empty when its compare-and-set lost the race. */
    @FunctionalInterface
    interface Attempt<K, V, R> {
        Optional<R> apply(CurrentEntry<K, V> cur, long now, int attempt);
    }
}
