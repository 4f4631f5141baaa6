package io.dynamo.transport;

import java.time.Duration;

/**
 * Settings of the transport. {@code clusterName} is checked in the handshake: a peer of another
 * cluster is refused. Frames larger than {@code maxFrameBytes} close the connection.
 */
public record TransportConfig(String clusterName, int maxFrameBytes, Duration connectTimeout, int connectionsPerPeer) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 17 * 1024 * 1024;

    public static TransportConfig defaults(String clusterName) {
        return new TransportConfig(clusterName, DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(2), 2);
    }
}
