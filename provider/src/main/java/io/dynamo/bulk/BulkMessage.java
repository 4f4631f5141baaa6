package io.dynamo.bulk;

import io.dynamo.coordinator.CacheSpec;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.security.Role;
import io.dynamo.version.ConflictPolicy;
import java.util.List;

/**
 * Bulk loading: many keys of one cache in one frame, from a client to the keys' coordinator and
 * from it to each other replica, instead of a request and N-1 replica writes per key. Each record
 * writes its own body and reads it back; {@link #FAMILY} lists the wire types. A bulk put is a data
 * request (any role, a {@code client} certificate included); the replica batch is between nodes.
 */
public sealed interface BulkMessage extends Message permits BulkMessage.BulkPut, BulkMessage.BulkReplicaWrite {
    int BULK_PUT = 112;
    int BULK_REPLICA_WRITE = 113;

    MessageFamily FAMILY = MessageFamily.of("bulk", Role.NODES,
            MessageFamily.type(BULK_PUT, BulkPut.class, BulkPut::read).servedTo(Role.ANYONE),
            MessageFamily.type(BULK_REPLICA_WRITE, BulkReplicaWrite.class, BulkReplicaWrite::read));

    /**
     * Client to a node that is a primary replica of every key: write {@code values.get(i)} under
     * {@code keys.get(i)}, each a new version concurrent with nothing the client saw (a put
     * without context), answered with an {@code Ack} once every replica of every key stored it.
     */
    record BulkPut(CacheSpec cache, List<byte[]> keys, List<byte[]> values) implements BulkMessage {
        public BulkPut {
            if (keys.size() != values.size()) {
                throw new IllegalArgumentException("a bulk put needs one value per key, got " + keys.size() + " keys and "
                        + values.size() + " values");
            }
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }

        public int type() {
            return BULK_PUT;
        }

        public int sizeHint() {
            return 64 + WireWriter.sizeOf(keys) + WireWriter.sizeOf(values);
        }

        public void write(WireWriter out) {
            cache.write(out);
            out.list(keys).list(values);
        }

        /** Lists that do not pair up fail the record's own check: a malformed message (see {@code MessageCodec}). */
        static BulkPut read(WireReader in) {
            return new BulkPut(CacheSpec.read(in), in.list(), in.list());
        }
    }

    /**
     * Coordinator to replica: merge each {@code states.get(i)} (an encoded DvvSet) into the stored
     * state of {@code keys.get(i)} in {@code partitions[i]}, as a replica write does for one key.
     * {@code n} is the cache's replica count, learnt by the replica.
     */
    record BulkReplicaWrite(String cache, ConflictPolicy policy, int n, int[] partitions, List<byte[]> keys, List<byte[]> states)
            implements BulkMessage {
        public BulkReplicaWrite {
            if (partitions.length != keys.size() || keys.size() != states.size()) {
                throw new IllegalArgumentException("a bulk replica write needs a partition and a state per key, got " + partitions.length
                        + " partitions, " + keys.size() + " keys and " + states.size() + " states");
            }
            keys = List.copyOf(keys);
            states = List.copyOf(states);
        }

        public int type() {
            return BULK_REPLICA_WRITE;
        }

        public int sizeHint() {
            return 32 + cache.length() + 3 * partitions.length + WireWriter.sizeOf(keys) + WireWriter.sizeOf(states);
        }

        public void write(WireWriter out) {
            out.string(cache).byte_(policy.ordinal()).byte_(n).ints(partitions).list(keys).list(states);
        }

        static BulkReplicaWrite read(WireReader in) {
            return new BulkReplicaWrite(in.string(), in.ordinal(ConflictPolicy.ALL, "conflict policy"), in.byte_(), in.ints(), in.list(),
                    in.list());
        }
    }
}
