package io.dynamo.protocol;

import java.util.List;
import java.util.Optional;

/**
 * Every message of the protocol between clients and nodes and between nodes. Each knows its wire
 * type and writes its own body; {@link MessageCodec} reads them back. Types below 16 belong to the
 * transport; requests are 16..63, responses 64..127.
 */
public sealed interface Message {
    int GET = 16;
    int PUT = 17;
    int DELETE = 18;
    int REPLICA_READ = 19;
    int REPLICA_WRITE = 20;
    int RING = 21;
    int STATUS = 22;
    int COMPARE_AND_SET = 23;
    int CACHE_KEYS = 24;
    int GET_RESULT = 64;
    int PUT_RESULT = 65;
    int REPLICA_STATE = 66;
    int ACK = 67;
    int RING_STATE = 68;
    int STATUS_RESULT = 69;
    int CAS_RESULT = 70;
    int KEYS_RESULT = 71;
    int ERROR = 127;

    // Membership and hinted handoff: requests 40..49, responses 90..99.
    int GOSSIP = 40;
    int MEMBERS = 41;
    int HINTED_WRITE = 42;
    int HINTS = 43;
    int CHANGE = 44;
    int STREAM_PARTITION = 45;
    int CHANGE_STATUS = 46;
    int GOSSIP_RESULT = 90;
    int MEMBERS_RESULT = 91;
    int HINTS_RESULT = 92;
    int CHANGE_PROGRESS = 93;
    int STREAM_RESULT = 94;

    // Anti-entropy (paper §4.7): requests 30..39, responses 80..89.
    int TREE_HASHES = 30;
    int LEAF_DIGESTS = 31;
    int FETCH_ENTRIES = 32;
    int PUSH_ENTRIES = 33;
    int PURGE = 34;
    int TREE_SUMMARY = 35;
    int REPAIR_START = 36;
    int REPAIR_STATUS = 37;
    int ANTI_ENTROPY_SETTINGS = 38;
    int TREE_HASHES_RESULT = 80;
    int KEY_DIGESTS = 81;
    int ENTRIES = 82;
    int TREE_SUMMARY_RESULT = 83;
    int REPAIR_PROGRESS = 84;

    int type();

    /** A size hint for the encoder's buffer. */
    default int sizeHint() {
        return 32;
    }

    void write(WireWriter out);

    /** Client to coordinator: read a key (paper §4.1 get). */
    record Get(CacheSpec cache, byte[] key) implements Message {
        public int type() {
            return GET;
        }

        public int sizeHint() {
            return 32 + key.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key);
        }
    }

    /** Client to coordinator: write a value superseding what {@code context} covers. */
    record Put(CacheSpec cache, byte[] key, byte[] context, byte[] value) implements Message {
        public int type() {
            return PUT;
        }

        public int sizeHint() {
            return 48 + key.length + context.length + value.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(context).bytes(value);
        }
    }

    /** Client to coordinator: write a tombstone superseding what {@code context} covers. */
    record Delete(CacheSpec cache, byte[] key, byte[] context) implements Message {
        public int type() {
            return DELETE;
        }

        public int sizeHint() {
            return 48 + key.length + context.length;
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(context);
        }
    }

    /**
     * Client to the key's first live primary: write (or delete, when {@code value} is empty) only
     * if the key's current context equals {@code expected} (DESIGN decision 11: conditional
     * operations are compare-and-set on versions).
     */
    record CompareAndSet(CacheSpec cache, byte[] key, byte[] expected, Optional<byte[]> value) implements Message {
        public int type() {
            return COMPARE_AND_SET;
        }

        public int sizeHint() {
            return 48 + key.length + expected.length + value.map(v -> v.length).orElse(0);
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.bytes(key).bytes(expected).byte_(value.isPresent() ? 1 : 0);
            value.ifPresent(out::bytes);
        }
    }

    /** Anyone to a node: the keys of a cache it holds with a live value (for iteration and clear). */
    record CacheKeys(String cache) implements Message {
        public int type() {
            return CACHE_KEYS;
        }

        public void write(WireWriter out) {
            out.string(cache);
        }
    }

    /** Coordinator to replica: the replica's stored state of a key. */
    record ReplicaRead(String cache, int partition, byte[] key) implements Message {
        public int type() {
            return REPLICA_READ;
        }

        public int sizeHint() {
            return 16 + cache.length() + key.length;
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key);
        }
    }

    /** Coordinator to replica: merge this state (an encoded DvvSet) into the stored one. */
    record ReplicaWrite(String cache, int partition, byte[] key, ConflictPolicy policy, byte[] state) implements Message {
        public int type() {
            return REPLICA_WRITE;
        }

        public int sizeHint() {
            return 24 + cache.length() + key.length + state.length;
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key).byte_(policy.ordinal()).bytes(state);
        }
    }

    /** Anyone to a node: its current ring. */
    record RingRequest() implements Message {
        public int type() {
            return RING;
        }

        public void write(WireWriter out) {}
    }

    /** Anyone to a node: its status. */
    record StatusRequest() implements Message {
        public int type() {
            return STATUS;
        }

        public void write(WireWriter out) {}
    }

    /** Values (no tombstones) and the context covering every version the read saw. */
    record GetResult(long epoch, List<byte[]> values, byte[] context) implements Message {
        public int type() {
            return GET_RESULT;
        }

        public int sizeHint() {
            return 16 + context.length + WireWriter.sizeOf(values);
        }

        public void write(WireWriter out) {
            out.varint(epoch).list(values).bytes(context);
        }
    }

    /** The context of the version just written. */
    record PutResult(long epoch, byte[] context) implements Message {
        public int type() {
            return PUT_RESULT;
        }

        public void write(WireWriter out) {
            out.varint(epoch).bytes(context);
        }
    }

    /** Whether a compare-and-set applied, and the key's state after it (or the state that failed the check). */
    record CasResult(long epoch, boolean applied, List<byte[]> values, byte[] context) implements Message {
        public int type() {
            return CAS_RESULT;
        }

        public int sizeHint() {
            return 16 + context.length + WireWriter.sizeOf(values);
        }

        public void write(WireWriter out) {
            out.varint(epoch).byte_(applied ? 1 : 0).list(values).bytes(context);
        }
    }

    record KeysResult(List<byte[]> keys) implements Message {
        public int type() {
            return KEYS_RESULT;
        }

        public int sizeHint() {
            return 8 + WireWriter.sizeOf(keys);
        }

        public void write(WireWriter out) {
            out.list(keys);
        }
    }

    /** A replica's encoded DvvSet for a key, or empty when it holds none. */
    record ReplicaState(Optional<byte[]> state) implements Message {
        public int type() {
            return REPLICA_STATE;
        }

        public int sizeHint() {
            return 8 + state.map(b -> b.length).orElse(0);
        }

        public void write(WireWriter out) {
            out.byte_(state.isPresent() ? 1 : 0);
            state.ifPresent(out::bytes);
        }
    }

    record Ack() implements Message {
        public int type() {
            return ACK;
        }

        public void write(WireWriter out) {}
    }

    record RingState(byte[] ring) implements Message {
        public int type() {
            return RING_STATE;
        }

        public int sizeHint() {
            return 8 + ring.length;
        }

        public void write(WireWriter out) {
            out.bytes(ring);
        }
    }

    record StatusResult(String nodeId, long epoch, long keys, int partitionsOwned, long uptimeMillis) implements Message {
        public int type() {
            return STATUS_RESULT;
        }

        public void write(WireWriter out) {
            out.string(nodeId).varint(epoch).varint(keys).varint(partitionsOwned).varint(uptimeMillis);
        }
    }

    /** A request that failed, with the reason the client shows to its user. */
    record ErrorResult(ErrorCode code, String message) implements Message {
        public int type() {
            return ERROR;
        }

        public int sizeHint() {
            return 16 + message.length() * 3;
        }

        public void write(WireWriter out) {
            out.byte_(code.ordinal()).string(message);
        }
    }

    /** A request the node's anti-entropy service answers (io.dynamo.antientropy). */
    sealed interface AntiEntropyRequest extends Message {}

    private static void writeInts(WireWriter out, int[] values) {
        out.varint(values.length);
        for (int v : values) {
            out.varint(v);
        }
    }

    /** Replica to replica: the hashes of these nodes of one level of its tree of {@code partition}. */
    record TreeHashes(int partition, int leafBits, int level, int[] indices) implements AntiEntropyRequest {
        public int type() {
            return TREE_HASHES;
        }

        public int sizeHint() {
            return 16 + indices.length * 3;
        }

        public void write(WireWriter out) {
            out.varint(partition).varint(leafBits).varint(level);
            writeInts(out, indices);
        }
    }

    /** The node hashes asked for, in order; none when the tree is not built yet. */
    record TreeHashesResult(boolean ready, List<byte[]> hashes) implements Message {
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
    }

    /** Replica to replica: the keys under these leaves and their digests ({@code cache} empty: every cache). */
    record LeafDigests(int partition, int leafBits, int[] leaves, String cache) implements AntiEntropyRequest {
        public int type() {
            return LEAF_DIGESTS;
        }

        public int sizeHint() {
            return 16 + leaves.length * 3 + cache.length();
        }

        public void write(WireWriter out) {
            out.varint(partition).varint(leafBits);
            writeInts(out, leaves);
            out.string(cache);
        }
    }

    record KeyDigests(boolean ready, List<byte[]> keys, List<byte[]> digests) implements Message {
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
    }

    /** Replica to replica: the stored states of these engine keys. */
    record FetchEntries(int partition, List<byte[]> keys) implements AntiEntropyRequest {
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
    }

    /**
     * Stored states of keys: the answer to a fetch covers the first {@code answered} keys asked
     * for (a size budget may cut it short; keys absent here are left out), or a push's payload.
     */
    record Entries(int answered, List<byte[]> keys, List<byte[]> states) implements Message {
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
    }

    /** Replica to replica: merge these states (siblings kept); answered with an Ack. */
    record PushEntries(int partition, List<byte[]> keys, List<byte[]> states) implements AntiEntropyRequest {
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
    }

    /**
     * Replica to replica: remove these tombstone-only keys if their state still has exactly this
     * digest (every replica was seen holding it); answered with an Ack.
     */
    record Purge(int partition, List<byte[]> keys, List<byte[]> digests) implements AntiEntropyRequest {
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
    }

    /** Admin to a node: per partition, its tree's root, key count and readiness. */
    record TreeSummary() implements AntiEntropyRequest {
        public int type() {
            return TREE_SUMMARY;
        }

        public void write(WireWriter out) {}
    }

    record PartitionTree(int partition, boolean ready, byte[] root, long keys, long tombstones) {}

    record TreeSummaryResult(String nodeId, List<PartitionTree> partitions) implements Message {
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
    }

    /** Admin to a node: exchange every partition it holds with each of its replicas now ({@code cache} empty: every cache). */
    record RepairStart(String cache) implements AntiEntropyRequest {
        public int type() {
            return REPAIR_START;
        }

        public void write(WireWriter out) {
            out.string(cache);
        }
    }

    /**
     * Admin to a node: set its periodic anti-entropy interval ({@code intervalMillis} 0 pauses,
     * negative only asks); the node answers with the same message holding its interval now.
     */
    record AntiEntropySettings(long intervalMillis) implements AntiEntropyRequest {
        public int type() {
            return ANTI_ENTROPY_SETTINGS;
        }

        public void write(WireWriter out) {
            out.long_(intervalMillis);
        }
    }

    /** Admin to a node: how far its repair {@code job} got. */
    record RepairStatus(long job) implements AntiEntropyRequest {
        public int type() {
            return REPAIR_STATUS;
        }

        public void write(WireWriter out) {
            out.varint(job);
        }
    }

    record RepairProgress(long job, int partitionsDone, int partitionsTotal, int exchanges, int differingExchanges, long keysSent,
            long keysReceived, long bytesSent, long bytesReceived, long tombstonesPurged, long elapsedMillis, boolean done, String errors)
            implements Message {
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
    }

    /** Node to node, every gossip round (paper §4.8): the sender's encoded membership view; answered with the receiver's. */
    record Gossip(String from, byte[] view) implements Message {
        public int type() {
            return GOSSIP;
        }

        public int sizeHint() {
            return 16 + from.length() + view.length;
        }

        public void write(WireWriter out) {
            out.string(from).bytes(view);
        }
    }

    /** The receiver's view after merging the sender's: gossip is push-pull. */
    record GossipResult(byte[] view) implements Message {
        public int type() {
            return GOSSIP_RESULT;
        }

        public int sizeHint() {
            return 8 + view.length;
        }

        public void write(WireWriter out) {
            out.bytes(view);
        }
    }

    /** Anyone to a node: its membership view and whom its failure detector holds down. */
    record MembersRequest() implements Message {
        public int type() {
            return MEMBERS;
        }

        public void write(WireWriter out) {}
    }

    /** An encoded membership view and the ids the answering node's failure detector holds down. */
    record MembersResult(byte[] view, List<String> down) implements Message {
        public int type() {
            return MEMBERS_RESULT;
        }

        public int sizeHint() {
            return 16 + view.length + down.size() * 16;
        }

        public void write(WireWriter out) {
            out.bytes(view).varint(down.size());
            for (String id : down) {
                out.string(id);
            }
        }
    }

    /**
     * Coordinator to a fallback node (sloppy quorum, paper §4.6): keep this state of a key for
     * {@code owner}, a primary that is down, and hand it over once the owner is back.
     */
    record HintedWrite(String owner, String cache, int partition, byte[] key, ConflictPolicy policy, byte[] state) implements Message {
        public int type() {
            return HINTED_WRITE;
        }

        public int sizeHint() {
            return 32 + owner.length() + cache.length() + key.length + state.length;
        }

        public void write(WireWriter out) {
            out.string(owner).string(cache).varint(partition).bytes(key).byte_(policy.ordinal()).bytes(state);
        }
    }

    /** Anyone to a node: how many hints it holds, per intended owner. */
    record HintsRequest() implements Message {
        public int type() {
            return HINTS;
        }

        public void write(WireWriter out) {}
    }

    /** Pending hints per intended owner, by owner id. */
    record HintsResult(java.util.Map<String, Long> pending) implements Message {
        public int type() {
            return HINTS_RESULT;
        }

        public int sizeHint() {
            return 8 + pending.size() * 24;
        }

        public void write(WireWriter out) {
            out.varint(pending.size());
            pending.forEach((owner, count) -> out.string(owner).varint(count));
        }
    }

    /**
     * Admin to any node: plan a join ({@code member} = ID@HOST:PORT) or a leave ({@code member} =
     * ID) and carry it out in the background; answered with the plan's first progress.
     */
    record Change(boolean join, String member) implements Message {
        public int type() {
            return CHANGE;
        }

        public void write(WireWriter out) {
            out.byte_(join ? 1 : 0).string(member);
        }
    }

    /** Planner to a node holding {@code partition}: send everything it holds there to {@code target} (ID@HOST:PORT). */
    record StreamPartition(int partition, String target) implements Message {
        public int type() {
            return STREAM_PARTITION;
        }

        public void write(WireWriter out) {
            out.varint(partition).string(target);
        }
    }

    /** Keys and bytes a partition stream sent, all acknowledged by the target. */
    record StreamResult(long keys, long bytes) implements Message {
        public int type() {
            return STREAM_RESULT;
        }

        public void write(WireWriter out) {
            out.varint(keys).varint(bytes);
        }
    }

    /** Admin to the planning node: how its change goes. */
    record ChangeStatus() implements Message {
        public int type() {
            return CHANGE_STATUS;
        }

        public void write(WireWriter out) {}
    }

    /**
     * A change's progress: {@code description} of the plan, partitions moved of {@code total}, keys
     * and bytes streamed, time spent; {@code error} non-empty when it stopped on a failure.
     */
    record ChangeProgress(String description, boolean running, int moved, int total, long keys, long bytes, long elapsedMillis,
            String error) implements Message {
        public int type() {
            return CHANGE_PROGRESS;
        }

        public int sizeHint() {
            return 48 + description.length() + error.length();
        }

        public void write(WireWriter out) {
            out.string(description).byte_(running ? 1 : 0).varint(moved).varint(total).varint(keys).varint(bytes)
                    .varint(elapsedMillis).string(error);
        }
    }
}
