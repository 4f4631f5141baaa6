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
    int GET_RESULT = 64;
    int PUT_RESULT = 65;
    int REPLICA_STATE = 66;
    int ACK = 67;
    int RING_STATE = 68;
    int STATUS_RESULT = 69;
    int ERROR = 127;

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
            int size = 16 + context.length;
            for (byte[] v : values) {
                size += v.length + 5;
            }
            return size;
        }

        public void write(WireWriter out) {
            out.varint(epoch).varint(values.size());
            for (byte[] v : values) {
                out.bytes(v);
            }
            out.bytes(context);
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
}
