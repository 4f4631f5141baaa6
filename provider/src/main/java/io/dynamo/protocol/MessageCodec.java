package io.dynamo.protocol;

import io.dynamo.protocol.Message.Ack;
import io.dynamo.protocol.Message.CacheKeys;
import io.dynamo.protocol.Message.CasResult;
import io.dynamo.protocol.Message.CompareAndSet;
import io.dynamo.protocol.Message.Delete;
import io.dynamo.protocol.Message.KeysResult;
import io.dynamo.protocol.Message.ErrorResult;
import io.dynamo.protocol.Message.Get;
import io.dynamo.protocol.Message.GetResult;
import io.dynamo.protocol.Message.Put;
import io.dynamo.protocol.Message.PutResult;
import io.dynamo.protocol.Message.ReplicaRead;
import io.dynamo.protocol.Message.ReplicaState;
import io.dynamo.protocol.Message.ReplicaWrite;
import io.dynamo.protocol.Message.RingRequest;
import io.dynamo.protocol.Message.RingState;
import io.dynamo.protocol.Message.StatusRequest;
import io.dynamo.protocol.Message.StatusResult;
import java.util.Optional;

/** Encodes messages to their wire bodies and decodes them back, checking every field. */
public final class MessageCodec {
    // values() allocates a fresh array on every call; these are read on every message.
    static final ConflictPolicy[] POLICIES = ConflictPolicy.values();
    private static final ErrorCode[] ERROR_CODES = ErrorCode.values();

    private MessageCodec() {}

    public static byte[] encode(Message m) {
        WireWriter out = new WireWriter(m.sizeHint());
        m.write(out);
        return out.toByteArray();
    }

    /** @throws MalformedMessageException on an unknown type or bytes that do not parse */
    public static Message decode(int type, byte[] payload) {
        WireReader in = new WireReader(payload);
        Message m = switch (type) {
            case Message.GET -> new Get(CacheSpec.read(in), in.bytes());
            case Message.PUT -> new Put(CacheSpec.read(in), in.bytes(), in.bytes(), in.bytes());
            case Message.DELETE -> new Delete(CacheSpec.read(in), in.bytes(), in.bytes());
            case Message.REPLICA_READ -> new ReplicaRead(in.string(), in.varintInt(65535), in.bytes());
            case Message.REPLICA_WRITE -> new ReplicaWrite(in.string(), in.varintInt(65535), in.bytes(), policy(in.byte_()), in.bytes());
            case Message.RING -> new RingRequest();
            case Message.STATUS -> new StatusRequest();
            case Message.COMPARE_AND_SET -> new CompareAndSet(CacheSpec.read(in), in.bytes(), in.bytes(),
                    in.byte_() == 1 ? Optional.of(in.bytes()) : Optional.empty());
            case Message.CACHE_KEYS -> new CacheKeys(in.string());
            case Message.GET_RESULT -> readGetResult(in);
            case Message.PUT_RESULT -> new PutResult(in.varint(), in.bytes());
            case Message.REPLICA_STATE -> new ReplicaState(in.byte_() == 1 ? Optional.of(in.bytes()) : Optional.empty());
            case Message.ACK -> new Ack();
            case Message.RING_STATE -> new RingState(in.bytes());
            case Message.STATUS_RESULT -> new StatusResult(in.string(), in.varint(), in.varint(), in.varintInt(65536), in.varint());
            case Message.CAS_RESULT -> readCasResult(in);
            case Message.KEYS_RESULT -> new KeysResult(in.list());
            case Message.TREE_HASHES -> new Message.TreeHashes(in.varintInt(65535), in.varintInt(64), in.varintInt(64), readInts(in));
            case Message.TREE_HASHES_RESULT -> new Message.TreeHashesResult(in.byte_() == 1, in.list());
            case Message.LEAF_DIGESTS -> new Message.LeafDigests(in.varintInt(65535), in.varintInt(64), readInts(in), in.string());
            case Message.KEY_DIGESTS -> new Message.KeyDigests(in.byte_() == 1, in.list(), in.list());
            case Message.FETCH_ENTRIES -> new Message.FetchEntries(in.varintInt(65535), in.list());
            case Message.ENTRIES -> new Message.Entries(in.varintInt(Integer.MAX_VALUE), in.list(), in.list());
            case Message.PUSH_ENTRIES -> new Message.PushEntries(in.varintInt(65535), in.list(), in.list());
            case Message.PURGE -> new Message.Purge(in.varintInt(65535), in.list(), in.list());
            case Message.TREE_SUMMARY -> new Message.TreeSummary();
            case Message.TREE_SUMMARY_RESULT -> readTreeSummary(in);
            case Message.REPAIR_START -> new Message.RepairStart(in.string());
            case Message.REPAIR_STATUS -> new Message.RepairStatus(in.varint());
            case Message.ANTI_ENTROPY_SETTINGS -> new Message.AntiEntropySettings(in.long_());
            case Message.REPAIR_PROGRESS -> new Message.RepairProgress(in.varint(), in.varintInt(Integer.MAX_VALUE),
                    in.varintInt(Integer.MAX_VALUE), in.varintInt(Integer.MAX_VALUE), in.varintInt(Integer.MAX_VALUE), in.varint(),
                    in.varint(), in.varint(), in.varint(), in.varint(), in.varint(), in.byte_() == 1, in.string());
            case Message.ERROR -> new ErrorResult(errorCode(in.byte_()), in.string());
            case Message.GOSSIP -> new Message.Gossip(in.string(), in.bytes());
            case Message.GOSSIP_RESULT -> new Message.GossipResult(in.bytes());
            case Message.MEMBERS -> new Message.MembersRequest();
            case Message.MEMBERS_RESULT -> readMembersResult(in);
            case Message.HINTED_WRITE -> new Message.HintedWrite(in.string(), in.string(), in.varintInt(65535), in.bytes(),
                    policy(in.byte_()), in.bytes());
            case Message.HINTS -> new Message.HintsRequest();
            case Message.CHANGE -> new Message.Change(in.byte_() == 1, in.string());
            case Message.STREAM_PARTITION -> new Message.StreamPartition(in.varintInt(65535), in.string());
            case Message.STREAM_RESULT -> new Message.StreamResult(in.varint(), in.varint());
            case Message.CHANGE_STATUS -> new Message.ChangeStatus();
            case Message.CHANGE_PROGRESS -> new Message.ChangeProgress(in.string(), in.byte_() == 1, in.varintInt(65536),
                    in.varintInt(65536), in.varint(), in.varint(), in.varint(), in.string());
            case Message.HINTS_RESULT -> readHintsResult(in);
            default -> throw new MalformedMessageException("unknown message type " + type);
        };
        in.end();
        return m;
    }

    /** Decodes a response; an error result becomes the matching exception. */
    public static Message decodeResponse(int type, byte[] payload) {
        Message m = decode(type, payload);
        if (m instanceof ErrorResult e) {
            throw DynamoException.fromWire(e.code(), e.message());
        }
        return m;
    }

    private static GetResult readGetResult(WireReader in) {
        long epoch = in.varint();
        return new GetResult(epoch, in.list(), in.bytes());
    }

    private static CasResult readCasResult(WireReader in) {
        long epoch = in.varint();
        boolean applied = in.byte_() == 1;
        return new CasResult(epoch, applied, in.list(), in.bytes());
    }

    private static Message.MembersResult readMembersResult(WireReader in) {
        byte[] view = in.bytes();
        int count = in.varintInt(in.remaining());
        java.util.List<String> down = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            down.add(in.string());
        }
        return new Message.MembersResult(view, down);
    }

    private static Message.HintsResult readHintsResult(WireReader in) {
        int count = in.varintInt(in.remaining());
        java.util.Map<String, Long> pending = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            pending.put(in.string(), in.varint());
        }
        return new Message.HintsResult(pending);
    }

    private static int[] readInts(WireReader in) {
        int count = in.varintInt(in.remaining());
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.varintInt(Integer.MAX_VALUE);
        }
        return values;
    }

    private static Message.TreeSummaryResult readTreeSummary(WireReader in) {
        String node = in.string();
        int count = in.varintInt(in.remaining());
        java.util.List<Message.PartitionTree> partitions = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            partitions.add(new Message.PartitionTree(in.varintInt(65535), in.byte_() == 1, in.bytes(), in.varint(), in.varint()));
        }
        return new Message.TreeSummaryResult(node, partitions);
    }

    private static ConflictPolicy policy(int ordinal) {
        if (ordinal >= POLICIES.length) {
            throw new MalformedMessageException("unknown conflict policy " + ordinal);
        }
        return POLICIES[ordinal];
    }

    private static ErrorCode errorCode(int ordinal) {
        return ordinal < ERROR_CODES.length ? ERROR_CODES[ordinal] : ErrorCode.INTERNAL;
    }
}
