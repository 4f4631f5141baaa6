package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.Entries;
import io.dynamo.antientropy.AntiEntropyMessage.FetchEntries;
import io.dynamo.antientropy.AntiEntropyMessage.KeyDigests;
import io.dynamo.antientropy.AntiEntropyMessage.LeafDigests;
import io.dynamo.antientropy.AntiEntropyMessage.PushEntries;
import io.dynamo.antientropy.LeafScan.LocalEntry;
import io.dynamo.protocol.Ack;
import io.dynamo.replica.CacheReplicas;
import io.dynamo.ring.Member;
import io.dynamo.spi.StorageEngine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One anti-entropy exchange of a partition with one peer (paper §4.7), a two-way repair:
 * compare the trees from the root down to the differing leaves; fetch the peer's (key, digest)
 * pairs under those leaves and scan ours; then push the entries the peer lacks or holds in
 * another version, and pull the ones we lack or hold differently. Both sides merge by version,
 * so after the exchange both hold the union of what either had. Only keys under differing
 * leaves travel, and of those only the ones whose digests differ carry their values.
 */
final class Exchange {
    private static final int MAX_LEAVES_PER_CALL = 256;
    private static final int MAX_BATCH_BYTES = 1 << 20;
    private static final int MAX_KEYS_PER_FETCH = 512;

    private final StorageEngine engine;
    private final ReplicaTrees trees;
    private final PeerCalls calls;
    private final RepairWrites writes;
    private final CacheReplicas caches;

    Exchange(StorageEngine engine, ReplicaTrees trees, PeerCalls calls, RepairWrites writes, CacheReplicas caches) {
        this.engine = engine;
        this.caches = caches;
        this.trees = trees;
        this.calls = calls;
        this.writes = writes;
    }

    /**
     * Which keys an exchange carries: those of caches whose N {@code replicated} accepts (of
     * {@code cache} alone unless empty), both ways, or with {@code pull} false only to the peer
     * (a change's last pass, where this node may be a replica no longer).
     */
    record Scope(IntPredicate replicated, String cache, boolean pull) {
        /** Both ways, the keys of caches both nodes replicate: N at least {@code pairRank} ({@link PartitionReplicas#pairRank}). */
        static Scope between(int pairRank, String cache) {
            return new Scope(n -> n >= pairRank, cache, true);
        }
    }

    /**
     * @param rootsDiffer the roots were just compared and differ: the descent starts below them
     * @return whether the trees differed
     * @throws ExchangeFailedException when the peer cannot be reached or a tree is not built yet
     */
    boolean run(int partition, Member peer, Scope scope, ExchangeStats stats, boolean rootsDiffer) {
        String cache = scope.cache();
        if (!trees.ready(partition)) {
            throw new ExchangeFailedException("this node's tree of partition " + partition + " is not built yet");
        }
        MerkleTree tree = trees.tree(partition);
        int leafBits = tree.leafBits();
        int[] leaves = MerkleDiff.differingLeaves(tree, new RemoteTree(calls, peer, partition, leafBits, stats), rootsDiffer);
        if (leaves.length == 0) {
            return false;
        }
        Map<ByteBuffer, byte[]> theirs = new HashMap<>();
        for (int from = 0; from < leaves.length; from += MAX_LEAVES_PER_CALL) {
            int[] chunk = Arrays.copyOfRange(leaves, from, Math.min(leaves.length, from + MAX_LEAVES_PER_CALL));
            KeyDigests r = calls.call(peer, new LeafDigests(partition, leafBits, chunk, cache), KeyDigests.class, stats);
            if (!r.ready()) {
                throw new ExchangeFailedException(peer.id() + ": tree of partition " + partition + " not built yet");
            }
            for (int i = 0; i < r.keys().size(); i++) {
                theirs.put(ByteBuffer.wrap(r.keys().get(i)), r.digests().get(i));
            }
        }
        List<LocalEntry> mine = LeafScan.collect(engine, partition, leafBits, LeafScan.bits(leaves), cache);
        List<LocalEntry> push = new ArrayList<>();
        List<byte[]> pull = new ArrayList<>();
        for (LocalEntry e : mine) {
            byte[] digest = theirs.remove(ByteBuffer.wrap(e.key()));
            if (!scope.replicated().test(caches.ofStored(e.key()))) {
                continue; // one of the two is not a replica of this key's cache
            }
            if (digest == null || !Arrays.equals(digest, e.digest())) {
                push.add(e);
            }
            if (scope.pull() && digest != null && !Arrays.equals(digest, e.digest())) {
                pull.add(e.key());
            }
        }
        for (ByteBuffer onlyTheirs : scope.pull() ? theirs.keySet() : Set.<ByteBuffer>of()) {
            if (scope.replicated().test(caches.ofStored(onlyTheirs.array()))) {
                pull.add(onlyTheirs.array());
            }
        }
        push(partition, peer, push, stats);
        pull(partition, peer, pull, stats);
        return true;
    }

    private void push(int partition, Member peer, List<LocalEntry> entries, ExchangeStats stats) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            LocalEntry e = entries.get(i);
            keys.add(e.key());
            states.add(e.state());
            bytes += e.key().length + e.state().length;
            if (bytes >= MAX_BATCH_BYTES || i == entries.size() - 1) {
                calls.call(peer, new PushEntries(partition, keys, states), Ack.class, stats);
                stats.sentKeys(keys.size());
                keys = new ArrayList<>();
                states = new ArrayList<>();
                bytes = 0;
            }
        }
    }

    private void pull(int partition, Member peer, List<byte[]> keys, ExchangeStats stats) {
        int from = 0;
        while (from < keys.size()) {
            List<byte[]> ask = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_FETCH));
            Entries r = calls.call(peer, new FetchEntries(partition, new ArrayList<>(ask)), Entries.class, stats);
            if (r.answered() < 1 || r.answered() > ask.size()) {
                throw new ExchangeFailedException(peer.id() + ": answered " + r.answered() + " of " + ask.size() + " keys");
            }
            for (int i = 0; i < r.keys().size(); i++) {
                writes.merge(partition, r.keys().get(i), r.states().get(i));
            }
            stats.receivedKeys(r.keys().size());
            from += r.answered();
        }
    }
}
