package io.dynamo.replica;

import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica count N of every cache this node has stored a key of (paper §4.3: a key is
 * replicated at the first N nodes of its preference list, and N is per cache). Nodes keep no
 * cache catalogue: a cache exists once a request carrying its settings arrives, so each node
 * learns N from what it is sent: a client's request (its cache settings), and every replica
 * write (which carries the N of the coordinator, the repairer or the streaming node). The
 * paths that reason about all of a key's replicas without a request in hand, tombstone purge,
 * anti-entropy and rebalancing, ask here.
 *
 * <p>A cache keeps the largest N it was ever sent under, and a cache not heard of counts as the
 * largest N known: asking or feeding one replica too many only delays a purge or copies a key
 * once more, one too few resurrects deletes and loses replicas. Kept in the data directory
 * ({@code caches}), so a restarted node still knows the N of caches no request named since.
 */
public final class CacheReplicas {
    private static final Logger log = LoggerFactory.getLogger(CacheReplicas.class);
    static final String FILE = "caches";
    private static final int FORMAT = 1;

    private final Map<String, Integer> known = new ConcurrentHashMap<>();
    private final int least;
    private final Optional<Path> file;

    /**
     * @param least the smallest "largest N" assumed (the node's {@code anti-entropy-replicas}):
     *              what a cache not heard of counts as while no larger N is known
     * @param dir   where the catalogue is kept, or empty to keep it in memory only
     */
    public CacheReplicas(int least, Optional<Path> dir) {
        if (least < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + least);
        }
        this.least = least;
        this.file = dir.map(d -> d.resolve(FILE));
        file.ifPresent(this::load);
    }

    /** A catalogue in memory only, with the default least N of 3. */
    public static CacheReplicas inMemory() {
        return new CacheReplicas(3, Optional.empty());
    }

    /** Notes that {@code cache} is replicated at {@code n} nodes; {@code n} of 0 (a sender that did not know) is ignored. */
    public void learn(String cache, int n) {
        if (n < 1) {
            return;
        }
        Integer before = known.get(cache);
        if (before != null && before >= n) {
            return; // the common case: no lock, no write
        }
        synchronized (this) {
            Integer now = known.get(cache);
            if (now != null && now >= n) {
                return;
            }
            known.put(cache, n);
            log.info("cache '{}' is replicated at {} nodes", cache, n);
            file.ifPresent(this::save);
        }
    }

    /** The N this node was told for {@code cache}, if it was. */
    public OptionalInt known(String cache) {
        Integer n = known.get(cache);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** The N to reckon {@code cache}'s keys with: the one known, else {@link #largest()}. */
    public int of(String cache) {
        Integer n = known.get(cache);
        return n == null ? largest() : n;
    }

    /** The N of the cache with the most replicas, at least the configured least. */
    public int largest() {
        int max = least;
        for (int n : known.values()) {
            max = Math.max(max, n);
        }
        return max;
    }

    /** Whether some cache's keys are reckoned with an N in {@code [from, below)}: a cache known, or one not heard of (the largest N). */
    public boolean anyIn(int from, int below) {
        int largest = largest();
        if (largest >= from && largest < below) {
            return true;
        }
        return known.values().stream().anyMatch(n -> n >= from && n < below);
    }

    /** The N to reckon the key stored as {@code storedKey} ({@link StoredKey}) with. */
    public int ofStored(byte[] storedKey) {
        return of(StoredKey.cacheOf(storedKey));
    }

    private void save(Path path) {
        Map<String, Integer> sorted = new TreeMap<>(known);
        WireWriter out = new WireWriter(64 + sorted.size() * 32).byte_(FORMAT).varint(sorted.size());
        sorted.forEach((name, n) -> out.string(name).varint(n));
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(FILE + ".tmp");
            Files.write(tmp, out.toByteArray());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the caches' replica counts in " + path, e);
        }
    }

    private void load(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            WireReader in = new WireReader(Files.readAllBytes(path));
            if (in.byte_() != FORMAT) {
                throw new IllegalArgumentException("unknown format");
            }
            int count = in.count(2);
            for (int i = 0; i < count; i++) {
                known.put(in.string(), in.varintInt(255));
            }
        } catch (IOException | IllegalArgumentException e) {
            // Unknown caches count as the largest N: nothing is purged or moved short of a replica.
            log.warn("ignoring an unreadable {}: {}", path, e.toString());
        }
    }
}
