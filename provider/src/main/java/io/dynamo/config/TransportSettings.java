package io.dynamo.config;

import io.dynamo.transport.TransportConfig;
import java.time.Duration;

/**
 * A node's network endpoint: frames larger than {@code max-frame-bytes} close the connection;
 * {@code connect-timeout} bounds opening a connection (and its handshake), over a pool of
 * {@code connections-per-peer} pipelined connections to each peer, on {@code event-loop-threads}.
 */
public record TransportSettings(int maxFrameBytes, Duration connectTimeout, int connectionsPerPeer, int eventLoopThreads)
        implements NodeConfig.Part {
    public TransportSettings {
        Check.atLeast("max-frame-bytes", maxFrameBytes, 1);
        Check.positive("connect-timeout", connectTimeout);
        Check.atLeast("connections-per-peer", connectionsPerPeer, 1);
        Check.atLeast("event-loop-threads", eventLoopThreads, 1);
    }

    public static TransportSettings defaults() {
        return new TransportSettings(NodeDefaults.MAX_FRAME_BYTES, NodeDefaults.CONNECT_TIMEOUT, NodeDefaults.CONNECTIONS_PER_PEER,
                NodeDefaults.eventLoopThreads());
    }

    /** The transport of a node of {@code cluster}, whose handshake refuses peers of other clusters. */
    public TransportConfig forCluster(String cluster) {
        return new TransportConfig(cluster, maxFrameBytes, connectTimeout, connectionsPerPeer).withEventLoopThreads(eventLoopThreads);
    }
}
