package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.Entries;
import io.dynamo.antientropy.AntiEntropyMessage.FetchEntries;
import io.dynamo.antientropy.AntiEntropyMessage.Purge;
import io.dynamo.protocol.Ack;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.Sibling;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Purges tombstones (DESIGN §8) of one partition: a key whose state holds no live value, whose
 * newest version is older than the grace period, and which every other replica holds in exactly
 * the same state. Then no replica can hand the deleted value back through repair: whoever holds
 * the key at all holds the tombstone whose clock covers it. Every replica must answer; if one is
 * unreachable nothing is purged this time.
 *
 * <p>"Every replica" is per key: a key's replicas are the first N nodes of its preference list
 * for its own cache's N (paper §4.3), so the candidates are asked of the replicas of their
 * cache's N, one group per N. A key of an N=5 cache is purged only when all five agree: a
 * replica that missed the delete would otherwise hand the value back when it returns.
 *
 * <p>Two phases: ask every peer for its state of the candidates, keep those all agree on, then
 * tell every peer to remove them (each checks again that its state is unchanged) and remove them
 * here. A state that changed in between is simply kept and compared again next round.
 */
final class TombstonePurge {
    private static final int MAX_KEYS_PER_CALL = 512;

    private final StorageEngine engine;
    private final PeerCalls calls;
    private final RepairWrites writes;
    private final Duration grace;
    private final int maxKeys;
    private final CacheReplicas caches;

    TombstonePurge(StorageEngine engine, PeerCalls calls, RepairWrites writes, Duration grace, int maxKeys, CacheReplicas caches) {
        this.engine = engine;
        this.caches = caches;
        this.calls = calls;
        this.writes = writes;
        this.grace = grace;
        this.maxKeys = maxKeys;
    }

    /**
     * @param replicasWithin the other nodes among the first N replicas of the partition, for an N
     * @return the keys purged here
     */
    int run(int partition, IntFunction<List<Member>> replicasWithin, ExchangeStats stats) {
        Map<Integer, Map<ByteBuffer, byte[]>> byN = new TreeMap<>();
        candidates(partition).forEach((k, d) -> byN.computeIfAbsent(caches.ofStored(k.array()), n -> new LinkedHashMap<>()).put(k, d));
        int purged = 0;
        for (Map.Entry<Integer, Map<ByteBuffer, byte[]>> group : byN.entrySet()) {
            purged += purge(partition, replicasWithin.apply(group.getKey()), group.getValue(), stats);
        }
        return purged;
    }

    /** Purges those of {@code candidates} that every one of {@code peers} holds in the same state. */
    private int purge(int partition, List<Member> peers, Map<ByteBuffer, byte[]> candidates, ExchangeStats stats) {
        for (Member peer : peers) {
            Set<ByteBuffer> agreed = new HashSet<>();
            List<byte[]> keys = candidates.keySet().stream().map(ByteBuffer::array).toList();
            int from = 0;
            while (from < keys.size()) {
                List<byte[]> ask = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_CALL)));
                Entries r = calls.call(peer, new FetchEntries(partition, ask), Entries.class, stats);
                if (r.answered() < 1) {
                    throw new ExchangeFailedException(peer.id() + " answered no key");
                }
                for (int i = 0; i < r.keys().size(); i++) {
                    ByteBuffer k = ByteBuffer.wrap(r.keys().get(i));
                    byte[] mine = candidates.get(k);
                    if (mine != null && Arrays.equals(mine, KeyDigests.digest(r.keys().get(i), r.states().get(i)))) {
                        agreed.add(k);
                    }
                }
                from += r.answered();
            }
            candidates.keySet().retainAll(agreed);
            if (candidates.isEmpty()) {
                return 0;
            }
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        candidates.forEach((k, d) -> {
            keys.add(k.array());
            digests.add(d);
        });
        for (Member peer : peers) {
            calls.call(peer, new Purge(partition, keys, digests), Ack.class, stats);
        }
        int purged = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (writes.purge(partition, keys.get(i), digests.get(i))) {
                purged++;
            }
        }
        return purged;
    }

    /** Tombstone-only keys older than the grace period, with their digests, up to {@code maxKeys}. */
    private Map<ByteBuffer, byte[]> candidates(int partition) {
        long cutoff = System.currentTimeMillis() - grace.toMillis();
        Map<ByteBuffer, byte[]> out = new LinkedHashMap<>();
        engine.scan(partition, new byte[0], (key, state) -> {
            DvvSet s = DvvSet.decode(state);
            if (s.values().isEmpty() && newestMillis(s) < cutoff) {
                byte[] k = key.clone();
                out.put(ByteBuffer.wrap(k), KeyDigests.digest(k, state));
            }
            return out.size() < maxKeys;
        });
        return out;
    }

    private static long newestMillis(DvvSet s) {
        long newest = 0;
        for (Sibling sibling : s.siblings()) {
            newest = Math.max(newest, HybridLogicalClock.physicalMillis(sibling.timestamp()));
        }
        return newest;
    }
}
