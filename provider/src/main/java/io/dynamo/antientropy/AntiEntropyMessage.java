package io.dynamo.antientropy;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Anti-entropy (paper §4.7): Merkle tree exchanges between replicas, tombstone purge, and the repair admin.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface AntiEntropyMessage extends Message permits AntiEntropyMessage.TreeRoots, AntiEntropyMessage.TreeRootsResult, AntiEntropyMessage.TreeHashes, AntiEntropyMessage.TreeHashesResult, AntiEntropyMessage.LeafDigests, AntiEntropyMessage.KeyDigests, AntiEntropyMessage.FetchEntries, AntiEntropyMessage.Entries, AntiEntropyMessage.PushEntries, AntiEntropyMessage.Purge, AntiEntropyMessage.TreeSummary, AntiEntropyMessage.TreeSummaryResult, AntiEntropyMessage.RepairStart, AntiEntropyMessage.AntiEntropySettings, AntiEntropyMessage.RepairStatus, AntiEntropyMessage.RepairProgress {
    int TREE_HASHES = 30;
    int LEAF_DIGESTS = 31;
    int FETCH_ENTRIES = 32;
    int PUSH_ENTRIES = 33;
    int PURGE = 34;
    int TREE_SUMMARY = 35;
    int REPAIR_START = 36;
    int REPAIR_STATUS = 37;
    int ANTI_ENTROPY_SETTINGS = 38;
    int TREE_ROOTS = 39;
    int TREE_HASHES_RESULT = 80;
    int KEY_DIGESTS = 81;
    int ENTRIES = 82;
    int TREE_SUMMARY_RESULT = 83;
    int REPAIR_PROGRESS = 84;
    int TREE_ROOTS_RESULT = 85;

    MessageFamily FAMILY = MessageFamily.of("anti-entropy", Role.NODES,
            MessageFamily.type(TREE_ROOTS, TreeRoots.class, TreeRoots::read),
            MessageFamily.type(TREE_ROOTS_RESULT, TreeRootsResult.class, TreeRootsResult::read),
            MessageFamily.type(TREE_HASHES, TreeHashes.class, TreeHashes::read),
            MessageFamily.type(LEAF_DIGESTS, LeafDigests.class, LeafDigests::read),
            MessageFamily.type(FETCH_ENTRIES, FetchEntries.class, FetchEntries::read),
            MessageFamily.type(PUSH_ENTRIES, PushEntries.class, PushEntries::read),
            MessageFamily.type(PURGE, Purge.class, Purge::read),
            MessageFamily.type(TREE_SUMMARY, TreeSummary.class, TreeSummary::read).servedTo(Role.OPERATORS),
            MessageFamily.type(REPAIR_START, RepairStart.class, RepairStart::read).servedTo(Role.OPERATORS),
            MessageFamily.type(REPAIR_STATUS, RepairStatus.class, RepairStatus::read).servedTo(Role.OPERATORS),
            MessageFamily.type(ANTI_ENTROPY_SETTINGS, AntiEntropySettings.class, AntiEntropySettings::read).servedTo(Role.OPERATORS),
            MessageFamily.type(TREE_HASHES_RESULT, TreeHashesResult.class, TreeHashesResult::read),
            MessageFamily.type(KEY_DIGESTS, KeyDigests.class, KeyDigests::read),
            MessageFamily.type(ENTRIES, Entries.class, Entries::read),
            MessageFamily.type(TREE_SUMMARY_RESULT, TreeSummaryResult.class, TreeSummaryResult::read),
            MessageFamily.type(REPAIR_PROGRESS, RepairProgress.class, RepairProgress::read));

    /**
     * Replica to replica, once a round: are the roots of these partitions (a {@link java.util.BitSet}) the
     * ones of this digest ({@link RootsDigest})? Answered "same", or with the peer's roots.
     */
    record TreeRoots(int leafBits, byte[] partitions, byte[] digest) implements AntiEntropyMessage {
        public int type() {
            return TREE_ROOTS;
        }

        public int sizeHint() {
            return 8 + partitions.length + digest.length + 8;
        }

        public void write(WireWriter out) {
            out.varint(leafBits).bytes(partitions).bytes(digest);
        }

        static TreeRoots read(WireReader in) {
            return new TreeRoots(in.varintInt(64), in.bytes(), in.bytes());
        }
    }

    /** The digests matched, or the roots asked for, ascending (empty: a tree not built yet). */
    record TreeRootsResult(boolean same, List<byte[]> roots) implements AntiEntropyMessage {
        public int type() {
            return TREE_ROOTS_RESULT;
        }

        public int sizeHint() {
            return 2 + WireWriter.sizeOf(roots);
        }

        public void write(WireWriter out) {
            out.byte_(same ? 1 : 0);
            out.list(roots);
        }

        static TreeRootsResult read(WireReader in) {
            return new TreeRootsResult(in.byte_() == 1, in.list());
        }
    }

    /** Replica to replica: the hashes of these nodes of one level of its tree of {@code partition}. */
    record TreeHashes(int partition, int leafBits, int level, int[] indices) implements AntiEntropyMessage {
        public int type() {
            return TREE_HASHES;
        }

        public int sizeHint() {
            return 16 + indices.length * 3;
        }

        public void write(WireWriter out) {
            out.varint(partition).varint(leafBits).varint(level);
            out.ints(indices);
        }

        static TreeHashes read(WireReader in) {
            return new TreeHashes(in.varintInt(65535), in.varintInt(64), in.varintInt(64), in.ints());
        }
    }

    /** The node hashes asked for, in order; none when the tree is not built yet. */
    record TreeHashesResult(boolean ready, List<byte[]> hashes) implements AntiEntropyMessage {
        public int type() {
            return TREE_HASHES_RESULT;
        }

        public int sizeHint() {
            return 2 + WireWriter.sizeOf(hashes);
        }

        public void write(WireWriter out) {
            out.byte_(ready ? 1 : 0);
            out.list(hashes);
        }

        static TreeHashesResult read(WireReader in) {
            return new TreeHashesResult(in.byte_() == 1, in.list());
        }
    }

    /** Replica to replica: the keys under these leaves and their digests ({@code cache} empty: every cache). */
    record LeafDigests(int partition, int leafBits, int[] leaves, String cache) implements AntiEntropyMessage {
        public int type() {
            return LEAF_DIGESTS;
        }

        public int sizeHint() {
            return 16 + leaves.length * 3 + cache.length();
        }

        public void write(WireWriter out) {
            out.varint(partition).varint(leafBits);
            out.ints(leaves);
            out.string(cache);
        }

        static LeafDigests read(WireReader in) {
            return new LeafDigests(in.varintInt(65535), in.varintInt(64), in.ints(), in.string());
        }
    }

    record KeyDigests(boolean ready, List<byte[]> keys, List<byte[]> digests) implements AntiEntropyMessage {
        public KeyDigests {
            if (keys.size() != digests.size()) {
                throw new IllegalArgumentException("keys and digests differ in number");
            }
        }

        public int type() {
            return KEY_DIGESTS;
        }

        public int sizeHint() {
            return 2 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(digests);
        }

        public void write(WireWriter out) {
            out.byte_(ready ? 1 : 0);
            out.list(keys);
            out.list(digests);
        }

        static KeyDigests read(WireReader in) {
            return new KeyDigests(in.byte_() == 1, in.list(), in.list());
        }
    }

    /** Replica to replica: the stored states of these engine keys. */
    record FetchEntries(int partition, List<byte[]> keys) implements AntiEntropyMessage {
        public int type() {
            return FETCH_ENTRIES;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys);
        }

        public void write(WireWriter out) {
            out.varint(partition);
            out.list(keys);
        }

        static FetchEntries read(WireReader in) {
            return new FetchEntries(in.varintInt(65535), in.list());
        }
    }

    /**
     * Stored states of keys: the answer to a fetch covers the first {@code answered} keys asked
     * for (a size budget may cut it short; keys absent here are left out), or a push's payload.
     */
    record Entries(int answered, List<byte[]> keys, List<byte[]> states) implements AntiEntropyMessage {
        public Entries {
            if (keys.size() != states.size()) {
                throw new IllegalArgumentException("keys and states differ in number");
            }
        }

        public int type() {
            return ENTRIES;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(states);
        }

        public void write(WireWriter out) {
            out.varint(answered);
            out.list(keys);
            out.list(states);
        }

        static Entries read(WireReader in) {
            return new Entries(in.varintInt(Integer.MAX_VALUE), in.list(), in.list());
        }
    }

    /** Replica to replica: merge these states (siblings kept); answered with an Ack. */
    record PushEntries(int partition, List<byte[]> keys, List<byte[]> states) implements AntiEntropyMessage {
        public PushEntries {
            if (keys.size() != states.size()) {
                throw new IllegalArgumentException("keys and states differ in number");
            }
        }

        public int type() {
            return PUSH_ENTRIES;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(states);
        }

        public void write(WireWriter out) {
            out.varint(partition);
            out.list(keys);
            out.list(states);
        }

        static PushEntries read(WireReader in) {
            return new PushEntries(in.varintInt(65535), in.list(), in.list());
        }
    }

    /**
     * Replica to replica: remove these tombstone-only keys if their state still has exactly this
     * digest (every replica was seen holding it); answered with an Ack.
     */
    record Purge(int partition, List<byte[]> keys, List<byte[]> digests) implements AntiEntropyMessage {
        public Purge {
            if (keys.size() != digests.size()) {
                throw new IllegalArgumentException("keys and digests differ in number");
            }
        }

        public int type() {
            return PURGE;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(digests);
        }

        public void write(WireWriter out) {
            out.varint(partition);
            out.list(keys);
            out.list(digests);
        }

        static Purge read(WireReader in) {
            return new Purge(in.varintInt(65535), in.list(), in.list());
        }
    }

    /** Admin to a node: per partition, its tree's root, key count and readiness. */
    record TreeSummary() implements AntiEntropyMessage {
        public int type() {
            return TREE_SUMMARY;
        }

        public void write(WireWriter out) {}

        static TreeSummary read(WireReader in) {
            return new TreeSummary();
        }
    }

    record PartitionTree(int partition, boolean ready, byte[] root, long keys, long tombstones) {}

    record TreeSummaryResult(String nodeId, List<PartitionTree> partitions) implements AntiEntropyMessage {
        public int type() {
            return TREE_SUMMARY_RESULT;
        }

        public int sizeHint() {
            return 16 + partitions.size() * 48;
        }

        public void write(WireWriter out) {
            out.string(nodeId).varint(partitions.size());
            for (PartitionTree p : partitions) {
                out.varint(p.partition()).byte_(p.ready() ? 1 : 0).bytes(p.root()).varint(p.keys()).varint(p.tombstones());
            }
        }

        static TreeSummaryResult read(WireReader in) {
            String node = in.string();
            int count = in.count(5); // partition, ready, root, keys, tombstones
            List<PartitionTree> partitions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                partitions.add(new PartitionTree(in.varintInt(65535), in.byte_() == 1, in.bytes(), in.varint(), in.varint()));
            }
            return new TreeSummaryResult(node, partitions);
        }
    }

    /** Admin to a node: exchange every partition it holds with each of its replicas now ({@code cache} empty: every cache). */
    record RepairStart(String cache) implements AntiEntropyMessage {
        public int type() {
            return REPAIR_START;
        }

        public void write(WireWriter out) {
            out.string(cache);
        }

        static RepairStart read(WireReader in) {
            return new RepairStart(in.string());
        }
    }

    /**
     * Admin to a node: set its periodic anti-entropy interval ({@code intervalMillis} 0 pauses,
     * negative only asks); the node answers with the same message holding its interval now.
     */
    record AntiEntropySettings(long intervalMillis) implements AntiEntropyMessage {
        public int type() {
            return ANTI_ENTROPY_SETTINGS;
        }

        public void write(WireWriter out) {
            out.long_(intervalMillis);
        }

        static AntiEntropySettings read(WireReader in) {
            return new AntiEntropySettings(in.long_());
        }
    }

    /** Admin to a node: how far its repair {@code job} got. */
    record RepairStatus(long job) implements AntiEntropyMessage {
        public int type() {
            return REPAIR_STATUS;
        }

        public void write(WireWriter out) {
            out.varint(job);
        }

        static RepairStatus read(WireReader in) {
            return new RepairStatus(in.varint());
        }
    }

    record RepairProgress(long job, int partitionsDone, int partitionsTotal, int exchanges, int differingExchanges, long keysSent,
            long keysReceived, long bytesSent, long bytesReceived, long tombstonesPurged, long elapsedMillis, boolean done, String errors)
            implements AntiEntropyMessage {
        public int type() {
            return REPAIR_PROGRESS;
        }

        public int sizeHint() {
            return 96 + errors.length() * 3;
        }

        public void write(WireWriter out) {
            out.varint(job).varint(partitionsDone).varint(partitionsTotal).varint(exchanges).varint(differingExchanges).varint(keysSent)
                    .varint(keysReceived).varint(bytesSent).varint(bytesReceived).varint(tombstonesPurged).varint(elapsedMillis).byte_(done ? 1 : 0).string(errors);
        }

        static RepairProgress read(WireReader in) {
            return new RepairProgress(in.varint(), in.varintInt(Integer.MAX_VALUE),
                    in.varintInt(Integer.MAX_VALUE), in.varintInt(Integer.MAX_VALUE), in.varintInt(Integer.MAX_VALUE), in.varint(),
                    in.varint(), in.varint(), in.varint(), in.varint(), in.varint(), in.byte_() == 1, in.string());
        }
    }
}
