package io.dynamo.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Payload of the {@link WireFormat#HANDSHAKE} frame: the client's protocol version and cluster
 * name. Layout: version (1 byte), name length (2 bytes, unsigned), name (UTF-8).
 */
record Handshake(int protocolVersion, String clusterName) {
    byte[] encode() {
        byte[] name = clusterName.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + name.length)
                .put((byte) protocolVersion)
                .putShort((short) name.length)
                .put(name)
                .array();
    }

    /** The handshake in {@code payload}, or empty when the payload is not a well-formed one. */
    static Optional<Handshake> decode(byte[] payload) {
        if (payload.length < 3) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int version = in.get();
        int nameLength = in.getShort() & 0xffff;
        if (in.remaining() != nameLength) {
            return Optional.empty();
        }
        return Optional.of(new Handshake(version, new String(payload, 3, nameLength, StandardCharsets.UTF_8)));
    }

    /** Why a server of {@code ownCluster} refuses this handshake, or empty if it accepts it. */
    Optional<String> refusal(String ownCluster) {
        if (protocolVersion != WireFormat.VERSION) {
            return Optional.of("it speaks protocol version " + WireFormat.VERSION + ", not " + protocolVersion);
        }
        if (!clusterName.equals(TransportConfig.ANY_CLUSTER) && !ownCluster.equals(clusterName)) {
            return Optional.of("it belongs to cluster '" + ownCluster + "', not '" + clusterName + "'");
        }
        return Optional.empty();
    }
}
