package io.dynamo.jcache;

import java.util.Optional;

/**
 * The conditional writes: {@code putIfAbsent}, {@code replace} (both forms), {@code getAndReplace}
 * and {@code remove(key, value)}. The condition is checked here with {@code equals} on the value
 * read, and the write is a compare-and-set on that read's version (a Paxos round among the key's
 * replicas, so it is linearizable per key), retried on a fresh read when another writer got there
 * first (DESIGN decision 11). Write-through happens once, for the attempt that applied.
 */
final class ConditionalWrites<K, V> {
    private final CacheParts<K, V> parts;

    ConditionalWrites(CacheParts<K, V> parts) {
        this.parts = parts;
    }

    boolean putIfAbsent(K key, V value) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        EntryEvents<K, V> events = parts.events();
        boolean created = parts.loop().run(k, key, "putIfAbsent", events, (cur, now, attempt) -> {
            if (cur.present()) {
                return Optional.of(false);
            }
            return switch (parts.writer().create(k, key, value, cur, now, events, () -> parts.through().write(key, value))) {
                case CREATED -> Optional.of(true);
                case EXPIRED_ON_CREATION -> Optional.of(false);
                case LOST_RACE -> Optional.empty();
            };
        });
        events.publish();
        parts.stats().hit(!created);
        parts.stats().puts(created ? 1 : 0, start);
        return created;
    }

    boolean remove(K key, V oldValue) {
        return remove(key, oldValue, "remove(key, value)").changed();
    }

    /** Removes the key whatever its value, returning the value removed (or null): {@code getAndRemove}. */
    V getAndRemove(K key) {
        return remove(key, null, "getAndRemove").previous();
    }

    /** Removes the key when it is present (and holds {@code expected}, when given). */
    private Outcome<V> remove(K key, V expected, String operation) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        EntryEvents<K, V> events = parts.events();
        Outcome<V> outcome = parts.loop().run(k, key, operation, events, (cur, now, attempt) -> {
            if (!cur.present()) {
                if (expected == null) {
                    parts.through().delete(key); // getAndRemove writes through even when there is nothing to remove
                }
                return Optional.of(Outcome.absent(attempt));
            }
            V old = cur.value();
            if (expected != null && !old.equals(expected)) {
                parts.reader().touch(k, cur, now);
                return Optional.of(Outcome.unchanged());
            }
            return parts.writer().remove(k, key, cur, events, () -> parts.through().delete(key)) ? Optional.of(Outcome.changed(old))
                    : Optional.empty();
        });
        events.publish();
        parts.stats().hit(outcome.hit());
        parts.stats().removals(outcome.changed() ? 1 : 0, start);
        return outcome;
    }

    /** Replaces the key's value when it is present (and equals {@code expected}, when given); returns the replaced value or null. */
    V replace(K key, V expected, V value, String operation) {
        long start = System.nanoTime();
        byte[] k = parts.store().key(key);
        EntryEvents<K, V> events = parts.events();
        Outcome<V> outcome = parts.loop().run(k, key, operation, events, (cur, now, attempt) -> {
            if (!cur.present()) {
                return Optional.of(Outcome.absent(attempt));
            }
            V old = cur.value();
            if (expected != null && !old.equals(expected)) {
                parts.reader().touch(k, cur, now);
                return Optional.of(Outcome.unchanged());
            }
            return parts.writer().update(k, key, value, cur, now, events, () -> parts.through().write(key, value))
                    ? Optional.of(Outcome.changed(old)) : Optional.empty();
        });
        events.publish();
        parts.stats().hit(outcome.hit());
        parts.stats().puts(outcome.changed() ? 1 : 0, start);
        return outcome.previous();
    }

    /**
     * How a conditional write ended: whether the key was found (a hit), and the value it changed,
     * if it did. A key found absent after a lost race still counts as a hit: only a present key
     * can lose one.
     */
    private record Outcome<V>(boolean hit, V previous) {
        static <V> Outcome<V> absent(int attempt) {
            return new Outcome<>(attempt > 1, null);
        }

        static <V> Outcome<V> unchanged() {
            return new Outcome<>(true, null);
        }

        static <V> Outcome<V> changed(V previous) {
            return new Outcome<>(true, previous);
        }

        boolean changed() {
            return previous != null;
        }
    }
}
