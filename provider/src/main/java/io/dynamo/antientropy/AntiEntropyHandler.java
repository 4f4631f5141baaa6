package io.dynamo.antientropy;

import io.dynamo.antientropy.AntiEntropyMessage.AntiEntropySettings;
import io.dynamo.antientropy.AntiEntropyMessage.Entries;
import io.dynamo.antientropy.AntiEntropyMessage.FetchEntries;
import io.dynamo.antientropy.AntiEntropyMessage.KeyDigests;
import io.dynamo.antientropy.AntiEntropyMessage.LeafDigests;
import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.Purge;
import io.dynamo.antientropy.AntiEntropyMessage.PushEntries;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStart;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStatus;
import io.dynamo.antientropy.AntiEntropyMessage.TreeHashes;
import io.dynamo.antientropy.AntiEntropyMessage.TreeHashesResult;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummary;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.antientropy.AntiEntropyMessage.TreeRoots;
import io.dynamo.antientropy.AntiEntropyMessage.TreeRootsResult;
import io.dynamo.antientropy.LeafScan.LocalEntry;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.replica.KeyPartitions;
import io.dynamo.ring.NodeId;
import io.dynamo.spi.StorageEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Answers the anti-entropy family (paper §4.7): peers' tree, digest and entry requests, pushes and
 * purges, and the operator's repair and interval requests. Off the network threads: partition
 * scans and merges run on this handler's own thread.
 */
public final class AntiEntropyHandler implements MessageHandler, AutoCloseable {
    private static final int MAX_ENTRIES_BYTES = 4 << 20;

    private final NodeId self;
    private final StorageEngine engine;
    private final ReplicaTrees trees;
    private final RepairWrites writes;
    private final AntiEntropy periodic;
    private final RepairJobs repairs;
    private final KeyPartitions partitions;
    private final ExecutorService server = Executors.newSingleThreadExecutor(AntiEntropy.daemon("anti-entropy-server"));

    AntiEntropyHandler(NodeId self, StorageEngine engine, ReplicaTrees trees, RepairWrites writes, AntiEntropy periodic, RepairJobs repairs,
            KeyPartitions partitions) {
        this.partitions = partitions;
        this.self = self;
        this.engine = engine;
        this.trees = trees;
        this.writes = writes;
        this.periodic = periodic;
        this.repairs = repairs;
    }

    @Override
    public MessageFamily family() {
        return AntiEntropyMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        return CompletableFuture.supplyAsync(() -> answer(request), server);
    }

    private Message answer(Message request) {
        if (request instanceof TreeRoots r) {
            return treeRoots(r);
        } else if (request instanceof TreeHashes h) {
            return treeHashes(h);
        } else if (request instanceof LeafDigests d) {
            return leafDigests(d);
        } else if (request instanceof FetchEntries f) {
            return fetch(f);
        } else if (request instanceof PushEntries p) {
            checkPartition(p.partition());
            partitions.requireStored(p.partition(), p.keys());
            for (int i = 0; i < p.keys().size(); i++) {
                writes.merge(p.partition(), p.keys().get(i), p.states().get(i));
            }
            return new Ack();
        } else if (request instanceof Purge p) {
            checkPartition(p.partition());
            for (int i = 0; i < p.keys().size(); i++) {
                writes.purge(p.partition(), p.keys().get(i), p.digests().get(i));
            }
            return new Ack();
        } else if (request instanceof AntiEntropySettings a) {
            if (a.intervalMillis() >= 0) {
                periodic.setInterval(Duration.ofMillis(a.intervalMillis()));
            }
            return new AntiEntropySettings(periodic.interval().toMillis());
        } else if (request instanceof TreeSummary) {
            return summary();
        } else if (request instanceof RepairStart s) {
            return repairs.start(s.cache());
        } else if (request instanceof RepairStatus s) {
            return repairs.status(s.job());
        }
        throw MessageHandler.notARequest(request);
    }

    private TreeRootsResult treeRoots(TreeRoots r) {
        BitSet asked = BitSet.valueOf(r.partitions());
        checkShape(Math.max(0, asked.length() - 1), r.leafBits());
        List<byte[]> roots = RootsDigest.roots(trees, asked);
        return Arrays.equals(RootsDigest.of(roots), r.digest()) ? new TreeRootsResult(true, List.of()) : new TreeRootsResult(false, roots);
    }

    private TreeHashesResult treeHashes(TreeHashes h) {
        checkShape(h.partition(), h.leafBits());
        if (!trees.ready(h.partition())) {
            return new TreeHashesResult(false, List.of());
        }
        MerkleTree tree = trees.tree(h.partition());
        try {
            return new TreeHashesResult(true, Arrays.asList(tree.hashes(h.level(), h.indices())));
        } catch (IllegalArgumentException e) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private KeyDigests leafDigests(LeafDigests d) {
        checkShape(d.partition(), d.leafBits());
        if (!trees.ready(d.partition())) {
            return new KeyDigests(false, List.of(), List.of());
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (LocalEntry e : LeafScan.collect(engine, d.partition(), d.leafBits(), LeafScan.bits(d.leaves()), d.cache())) {
            keys.add(e.key());
            digests.add(e.digest());
        }
        return new KeyDigests(true, keys, digests);
    }

    private Entries fetch(FetchEntries f) {
        checkPartition(f.partition());
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        int bytes = 0;
        int answered = 0;
        for (byte[] key : f.keys()) {
            if (answered > 0 && bytes >= MAX_ENTRIES_BYTES) {
                break; // the rest in the next fetch: frames stay well under the transport's limit
            }
            answered++;
            Optional<byte[]> state = engine.get(f.partition(), key);
            if (state.isPresent()) {
                keys.add(key);
                states.add(state.get());
                bytes += key.length + state.get().length;
            }
        }
        return new Entries(answered, keys, states);
    }

    private TreeSummaryResult summary() {
        List<PartitionTree> out = new ArrayList<>();
        for (int p = 0; p < trees.partitions(); p++) {
            boolean ready = trees.ready(p);
            MerkleTree tree = trees.tree(p);
            out.add(new PartitionTree(p, ready, ready ? tree.root() : new byte[0], tree.keyCount(), trees.tombstoneKeys(p)));
        }
        return new TreeSummaryResult(self.value(), out);
    }

    private void checkShape(int partition, int leafBits) {
        checkPartition(partition);
        if (leafBits != trees.leafBits()) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "trees of " + leafBits + " leaf bits asked, this node has " + trees.leafBits());
        }
    }

    private void checkPartition(int partition) {
        if (partition >= trees.partitions()) {
            throw new DynamoException(ErrorCode.BAD_REQUEST, "no partition " + partition + " (ring of " + trees.partitions() + ")");
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
