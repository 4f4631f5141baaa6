package io.dynamo.protocol;

/**
 * A message of the protocol between clients and nodes and between nodes. Each concept package
 * declares its own messages as a sealed family (DESIGN decision 13: e.g.
 * {@code io.dynamo.replica.ReplicaMessage}), each record writing its body and reading it back
 * beside its fields; {@link MessageFamily} lists a family's wire types for {@link MessageCodec}
 * and the node's routing table. Types below 16 belong to the transport; each family owns its
 * numbers, and a codec refuses two families that claim the same one.
 */
public interface Message {
    int type();

    /** A size hint for the encoder's buffer. */
    default int sizeHint() {
        return 32;
    }

    void write(WireWriter out);
}
