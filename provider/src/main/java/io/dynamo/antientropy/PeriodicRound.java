package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.TreeRoots;
import io.dynamo.antientropy.AntiEntropyMessage.TreeRootsResult;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One periodic round of anti-entropy (paper §4.7). For each peer, one {@link TreeRoots} message
 * compares the roots of every partition this node starts the exchange of with that peer: when
 * they all agree (the usual case) that is the round's whole cost with that peer, a message and
 * its answer whatever the partition count (the request carries one bit per partition). Only the
 * partitions whose roots differ are exchanged, from the level below the root. The peers share
 * the interval equally and a peer's differing exchanges its share, so repair never bursts.
 */
final class PeriodicRound {
    private static final Logger log = LoggerFactory.getLogger(PeriodicRound.class);

    /** What a round did: partition exchanges compared, of those differing to the leaves, failed, and tombstones purged. */
    record Outcome(int compared, int differed, int failed, int purged) {}

    private final ReplicaTrees trees;
    private final PartitionReplicas replicas;
    private final Exchange exchange;
    private final PurgeTrigger purges;
    private final PeerCalls calls;

    PeriodicRound(ReplicaTrees trees, PartitionReplicas replicas, Exchange exchange, PurgeTrigger purges, PeerCalls calls) {
        this.trees = trees;
        this.replicas = replicas;
        this.exchange = exchange;
        this.purges = purges;
        this.calls = calls;
    }

    /**
     * @param going     whether to go on (false once the node closes or the interval changed)
     * @param waitUntil waits until a {@link System#nanoTime} deadline; false when interrupted
     */
    Outcome run(Ring r, long roundNanos, ExchangeStats round, BooleanSupplier going, LongPredicate waitUntil) {
        Map<Member, BitSet> byPeer = new TreeMap<>((a, b) -> a.id().compareTo(b.id()));
        BitSet held = new BitSet();
        for (int p = 0; p < r.partitionCount(); p++) {
            int partition = p;
            replicas.peersOf(r, p).ifPresent(peers -> {
                held.set(partition);
                for (Member peer : peers) {
                    if (replicas.initiates(partition, peer)) {
                        byPeer.computeIfAbsent(peer, m -> new BitSet()).set(partition);
                    }
                }
            });
        }
        long slot = roundNanos / Math.max(1, byPeer.size());
        long next = System.nanoTime();
        BitSet failed = new BitSet();
        int compared = 0;
        int differed = 0;
        boolean whole = true;
        for (Map.Entry<Member, BitSet> e : byPeer.entrySet()) {
            if (!going.getAsBoolean()) {
                whole = false;
                break;
            }
            Member peer = e.getKey();
            long slotEnd = next + slot;
            compared += e.getValue().cardinality();
            BitSet differing = differing(peer, e.getValue(), round, failed);
            long spacing = slot / Math.max(1, differing.cardinality());
            for (int p = differing.nextSetBit(0); p >= 0 && going.getAsBoolean(); p = differing.nextSetBit(p + 1)) {
                try {
                    differed += exchange.run(p, peer, Exchange.Scope.between(replicas.pairRank(r, p, peer), ""), round, true) ? 1 : 0;
                } catch (RuntimeException ex) {
                    failed.set(p);
                    log.debug("exchange of partition {} with {} failed: {}", p, peer.id(), ex.getMessage());
                }
                next += spacing;
                if (!waitUntil.test(next)) {
                    return new Outcome(compared, differed, failed.cardinality(), 0);
                }
            }
            next = slotEnd;
            if (!waitUntil.test(next)) {
                return new Outcome(compared, differed, failed.cardinality(), 0);
            }
        }
        int purged = 0;
        // Every replica's view is needed to purge; only the partition's first replica asks, after a whole round.
        for (int p = held.nextSetBit(0); whole && p >= 0; p = held.nextSetBit(p + 1)) {
            if (!failed.get(p) && replicas.purges(r, p)) {
                int partition = p;
                purged += purges.purge(p, n -> replicas.peersWithin(r, partition, n), round);
            }
        }
        return new Outcome(compared, differed, failed.cardinality(), purged);
    }

    /** The partitions whose roots differ from {@code peer}'s; those that cannot be compared are added to {@code failed}. */
    private BitSet differing(Member peer, BitSet partitions, ExchangeStats round, BitSet failed) {
        BitSet built = new BitSet();
        for (int p = partitions.nextSetBit(0); p >= 0; p = partitions.nextSetBit(p + 1)) {
            (trees.ready(p) ? built : failed).set(p);
        }
        if (built.isEmpty()) {
            return built;
        }
        List<byte[]> mine = RootsDigest.roots(trees, built);
        TreeRootsResult answer;
        try {
            answer = calls.call(peer, new TreeRoots(trees.leafBits(), built.toByteArray(), RootsDigest.of(mine)), TreeRootsResult.class, round);
        } catch (ExchangeFailedException e) {
            log.debug("roots of {} partitions not compared with {}: {}", built.cardinality(), peer.id(), e.getMessage());
            failed.or(built);
            return new BitSet();
        }
        BitSet out = new BitSet();
        if (answer.same()) {
            return out;
        }
        if (answer.roots().size() != mine.size()) {
            log.debug("{} answered {} roots for {} partitions", peer.id(), answer.roots().size(), mine.size());
            failed.or(built);
            return out;
        }
        int i = 0;
        for (int p = built.nextSetBit(0); p >= 0; p = built.nextSetBit(p + 1), i++) {
            if (!Arrays.equals(mine.get(i), answer.roots().get(i))) {
                out.set(p);
            }
        }
        return out;
    }
}
