package io.dynamo.rebalance;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import java.util.List;

/**
 * Join and leave (paper §4.9): the change an admin asks for, its progress, and the partition streams it runs.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface RebalanceMessage extends Message permits RebalanceMessage.Change, RebalanceMessage.ChangeStatus,
        RebalanceMessage.ChangeProgress, RebalanceMessage.StreamPartition, RebalanceMessage.SyncPartition, RebalanceMessage.StreamEntries, RebalanceMessage.StreamResult, RebalanceMessage.PartitionSize,
        RebalanceMessage.PartitionSizeResult, RebalanceMessage.ClaimChange, RebalanceMessage.ClaimResult {
    int CHANGE = 44;
    int STREAM_PARTITION = 45;
    int CHANGE_STATUS = 46;
    int PARTITION_SIZE = 47;
    int CLAIM_CHANGE = 48;
    int SYNC_PARTITION = 49;
    int STREAM_ENTRIES = 50;
    int CHANGE_PROGRESS = 93;
    int STREAM_RESULT = 94;
    int PARTITION_SIZE_RESULT = 95;
    int CLAIM_RESULT = 96;

    MessageFamily FAMILY = MessageFamily.of("rebalance", Role.NODES,
            MessageFamily.type(CHANGE, Change.class, Change::read).servedTo(Role.OPERATORS),
            MessageFamily.type(STREAM_PARTITION, StreamPartition.class, StreamPartition::read),
            MessageFamily.type(SYNC_PARTITION, SyncPartition.class, SyncPartition::read),
            MessageFamily.type(STREAM_ENTRIES, StreamEntries.class, StreamEntries::read),
            MessageFamily.type(CHANGE_STATUS, ChangeStatus.class, ChangeStatus::read).servedTo(Role.OPERATORS),
            MessageFamily.type(CHANGE_PROGRESS, ChangeProgress.class, ChangeProgress::read),
            MessageFamily.type(STREAM_RESULT, StreamResult.class, StreamResult::read),
            MessageFamily.type(PARTITION_SIZE, PartitionSize.class, PartitionSize::read),
            MessageFamily.type(PARTITION_SIZE_RESULT, PartitionSizeResult.class, PartitionSizeResult::read),
            MessageFamily.type(CLAIM_CHANGE, ClaimChange.class, ClaimChange::read),
            MessageFamily.type(CLAIM_RESULT, ClaimResult.class, ClaimResult::read));

    /**
     * Admin to any node: plan a join ({@code member} = ID@HOST:PORT) or a leave ({@code member} =
     * ID) and carry it out in the background; answered with the plan's first progress. A
     * {@code dryRun} only plans (riak_core's staged changes: plan, show, commit): answered with
     * the partitions, keys and bytes that would move, and nothing moves.
     */
    record Change(boolean join, String member, boolean dryRun) implements RebalanceMessage {
        public int type() {
            return CHANGE;
        }

        public void write(WireWriter out) {
            out.byte_(join ? 1 : 0).string(member).byte_(dryRun ? 1 : 0);
        }

        static Change read(WireReader in) {
            return new Change(in.byte_() == 1, in.string(), in.byte_() == 1);
        }
    }

    /** Planner to a replica of {@code partition}: how many keys and bytes it holds there (for a dry run). */
    record PartitionSize(int partition) implements RebalanceMessage {
        public int type() {
            return PARTITION_SIZE;
        }

        public void write(WireWriter out) {
            out.varint(partition);
        }

        static PartitionSize read(WireReader in) {
            return new PartitionSize(in.varintInt(65535));
        }
    }

    record PartitionSizeResult(long keys, long bytes) implements RebalanceMessage {
        public int type() {
            return PARTITION_SIZE_RESULT;
        }

        public void write(WireWriter out) {
            out.varint(keys).varint(bytes);
        }

        static PartitionSizeResult read(WireReader in) {
            return new PartitionSizeResult(in.varint(), in.varint());
        }
    }

    /** Admin to the planning node: how its change goes. */
    record ChangeStatus() implements RebalanceMessage {
        public int type() {
            return CHANGE_STATUS;
        }

        public void write(WireWriter out) {}

        static ChangeStatus read(WireReader in) {
            return new ChangeStatus();
        }
    }

    /**
     * A change's progress: {@code description} of the plan, partitions moved of {@code total}, keys
     * and bytes streamed, time spent; {@code error} non-empty when it stopped on a failure.
     */
    record ChangeProgress(String description, boolean running, int moved, int total, long keys, long bytes, long elapsedMillis,
            String error) implements RebalanceMessage {
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

        static ChangeProgress read(WireReader in) {
            return new ChangeProgress(in.string(), in.byte_() == 1, in.varintInt(65536),
                    in.varintInt(65536), in.varint(), in.varint(), in.varint(), in.string());
        }
    }

    /**
     * Planner to a node holding {@code partition}: send what it holds there to {@code target}
     * (ID@HOST:PORT), the {@code rank}-th replica of the partition (1 = first) under the new ring
     * and the {@code formerRank}-th under the old one (0: none of the first N): the keys of every
     * cache whose N is at least {@code rank} and below {@code formerRank}, those it did not hold.
     */
    record StreamPartition(int partition, String target, int rank, int formerRank) implements RebalanceMessage {
        public int type() {
            return STREAM_PARTITION;
        }

        public void write(WireWriter out) {
            out.varint(partition).string(target).varint(rank).varint(formerRank);
        }

        static StreamPartition read(WireReader in) {
            return new StreamPartition(in.varintInt(65535), in.string(), in.varintInt(255), in.varintInt(255));
        }
    }

    /**
     * Planner to a former replica, the last pass of a change: bring {@code target}'s copy up to
     * this node's by comparing their Merkle trees (paper §4.7) and sending only the keys that
     * differ, those written while the ring changed; which caches' keys, as {@link StreamPartition}.
     */
    record SyncPartition(int partition, String target, int rank, int formerRank) implements RebalanceMessage {
        public int type() {
            return SYNC_PARTITION;
        }

        public void write(WireWriter out) {
            out.varint(partition).string(target).varint(rank).varint(formerRank);
        }

        static SyncPartition read(WireReader in) {
            return new SyncPartition(in.varintInt(65535), in.string(), in.varintInt(255), in.varintInt(255));
        }
    }

    /**
     * Streaming node to the new owner: one large frame of a partition stream, answered with an Ack
     * once merged. {@code caches} and {@code replicas} give the N of the caches of these
     * keys (so the new owner knows them before its first request); {@code keys} are engine keys.
     */
    record StreamEntries(int partition, List<byte[]> caches, int[] replicas, List<byte[]> keys, List<byte[]> states)
            implements RebalanceMessage {
        public StreamEntries {
            if (keys.size() != states.size() || caches.size() != replicas.length) {
                throw new IllegalArgumentException("keys and states, or caches and their N, differ in number");
            }
        }

        public int type() {
            return STREAM_ENTRIES;
        }

        public int sizeHint() {
            return 16 + WireWriter.sizeOf(caches) + replicas.length * 2 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(states);
        }

        public void write(WireWriter out) {
            out.varint(partition).list(caches).ints(replicas).list(keys).list(states);
        }

        static StreamEntries read(WireReader in) {
            return new StreamEntries(in.varintInt(65535), in.list(), in.ints(), in.list(), in.list());
        }
    }

    /** Keys and bytes a partition stream sent, all acknowledged by the target. */
    record StreamResult(long keys, long bytes) implements RebalanceMessage {
        public int type() {
            return STREAM_RESULT;
        }

        public void write(WireWriter out) {
            out.varint(keys).varint(bytes);
        }

        static StreamResult read(WireReader in) {
            return new StreamResult(in.varint(), in.varint());
        }
    }

    /**
     * Planner to every member: vote for this change ({@code what}, planned at {@code planner} from
     * the ring of {@code baseEpoch}), or renew the vote; with {@code release}, free it.
     */
    record ClaimChange(String what, String planner, long baseEpoch, boolean release) implements RebalanceMessage {
        public int type() {
            return CLAIM_CHANGE;
        }

        public int sizeHint() {
            return 24 + what.length() + planner.length();
        }

        public void write(WireWriter out) {
            out.string(what).string(planner).varint(baseEpoch).byte_(release ? 1 : 0);
        }

        static ClaimChange read(WireReader in) {
            return new ClaimChange(in.string(), in.string(), in.varint(), in.byte_() == 1);
        }
    }

    /** A member's vote: granted, or refused with its reason. */
    record ClaimResult(boolean granted, String reason) implements RebalanceMessage {
        public int type() {
            return CLAIM_RESULT;
        }

        public int sizeHint() {
            return 8 + reason.length();
        }

        public void write(WireWriter out) {
            out.byte_(granted ? 1 : 0).string(reason);
        }

        static ClaimResult read(WireReader in) {
            return new ClaimResult(in.byte_() == 1, in.string());
        }
    }
}
