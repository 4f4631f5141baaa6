package io.dynamo.replica;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import io.dynamo.version.ConflictPolicy;
import java.util.Optional;

/**
 * Coordinator to replica and back: read and merge one key's stored version state.
 * Each record writes its own body and reads it back ({@code read}), side by side; {@link #FAMILY}
 * lists the wire types for the node's routing table and the codecs.
 */
public sealed interface ReplicaMessage extends Message permits ReplicaMessage.ReplicaRead, ReplicaMessage.ReplicaWrite, ReplicaMessage.ReplicaState {
    int REPLICA_READ = 19;
    int REPLICA_WRITE = 20;
    int REPLICA_STATE = 66;

    MessageFamily FAMILY = MessageFamily.of("replica", Role.NODES,
            MessageFamily.type(REPLICA_READ, ReplicaRead.class, ReplicaRead::read).servedTo(Role.OPERATORS),
            MessageFamily.type(REPLICA_WRITE, ReplicaWrite.class, ReplicaWrite::read),
            MessageFamily.type(REPLICA_STATE, ReplicaState.class, ReplicaState::read));

    /** Coordinator to replica: the replica's stored state of a key. */
    record ReplicaRead(String cache, int partition, byte[] key) implements ReplicaMessage {
        public int type() {
            return REPLICA_READ;
        }

        public int sizeHint() {
            return 16 + cache.length() + key.length;
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key);
        }

        static ReplicaRead read(WireReader in) {
            return new ReplicaRead(in.string(), in.varintInt(65535), in.bytes());
        }
    }

    /**
     * Coordinator to replica: merge this state (an encoded DvvSet) into the stored one. {@code n}
     * is the cache's replica count as the sender knows it (0: not known), so that every replica
     * learns it ({@link CacheReplicas}).
     */
    record ReplicaWrite(String cache, int partition, byte[] key, ConflictPolicy policy, int n, byte[] state) implements ReplicaMessage {
        public int type() {
            return REPLICA_WRITE;
        }

        public int sizeHint() {
            return 24 + cache.length() + key.length + state.length;
        }

        public void write(WireWriter out) {
            out.string(cache).varint(partition).bytes(key).byte_(policy.ordinal()).byte_(n).bytes(state);
        }

        static ReplicaWrite read(WireReader in) {
            return new ReplicaWrite(in.string(), in.varintInt(65535), in.bytes(), in.ordinal(ConflictPolicy.ALL, "conflict policy"), in.byte_(),
                    in.bytes());
        }
    }

    /** A replica's encoded DvvSet for a key, or empty when it holds none. */
    record ReplicaState(Optional<byte[]> state) implements ReplicaMessage {
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

        static ReplicaState read(WireReader in) {
            return new ReplicaState(in.optionalBytes());
        }
    }
}
