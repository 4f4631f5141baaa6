package io.dynamo.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the transport. {@code clusterName} is checked in the handshake: a peer of another
 * cluster is refused. Frames larger than {@code maxFrameBytes} close the connection.
 *
 * @param clusterName        the cluster this process belongs to; a peer of another one is refused
 * @param maxFrameBytes      largest payload accepted or sent; a larger announced length closes the connection
 * @param connectTimeout     bound on opening a TCP connection to a peer
 * @param connectionsPerPeer pipelined connections to each peer for requests (default 1), besides one for bulk requests
 * @param handshakeTimeout   bound on the handshake, on both ends of a new connection
 * @param reconnectBackoff   after a failed connect or handshake, requests to that peer fail at once for
 *                           this long instead of hammering a peer that is down
 * @param eventLoopThreads   network threads of the process (server and client side share them)
 */
public record TransportConfig(String clusterName, int maxFrameBytes, Duration connectTimeout, int connectionsPerPeer,
                              Duration handshakeTimeout, Duration reconnectBackoff, int eventLoopThreads) {
    /**
     * The cluster name of a client that does not know it (a command-line client given only seeds):
     * any server accepts it. Not a valid node cluster name, so a node can never be configured with it.
     */
    public static final String ANY_CLUSTER = "*";

    public static final int DEFAULT_MAX_FRAME_BYTES = 17 * 1024 * 1024;
    public static final Duration DEFAULT_RECONNECT_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_CONNECTIONS_PER_PEER = 1;
    /** Cluster names travel in the handshake; keep them short. */
    public static final int MAX_CLUSTER_NAME_BYTES = 255;

    public TransportConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName must not be blank");
        }
        if (clusterName.getBytes(StandardCharsets.UTF_8).length > MAX_CLUSTER_NAME_BYTES) {
            throw new IllegalArgumentException("clusterName longer than " + MAX_CLUSTER_NAME_BYTES + " bytes: " + clusterName);
        }
        if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE - WireFormat.HEADER_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be positive and below 2 GiB, was " + maxFrameBytes);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
        if (reconnectBackoff.isNegative()) {
            throw new IllegalArgumentException("reconnectBackoff must not be negative, was " + reconnectBackoff);
        }
        if (connectionsPerPeer < 1) {
            throw new IllegalArgumentException("connectionsPerPeer must be at least 1, was " + connectionsPerPeer);
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1, was " + eventLoopThreads);
        }
    }

    /** The original four settings; the handshake timeout equals the connect timeout, the rest are defaults. */
    public TransportConfig(String clusterName, int maxFrameBytes, Duration connectTimeout, int connectionsPerPeer) {
        this(clusterName, maxFrameBytes, connectTimeout, connectionsPerPeer, connectTimeout, DEFAULT_RECONNECT_BACKOFF,
                defaultEventLoopThreads());
    }

    /**
     * Half the cores, at least one: the network threads share the machine with the storage
     * engine's own threads and the collector, and on small machines several JVMs (a client and
     * nodes) share the cores. Measured on 2 cores with 4 JVMs: 1 thread each beat 2 by ~40 %.
     */
    public static int defaultEventLoopThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public static TransportConfig defaults(String clusterName) {
        return new TransportConfig(clusterName, DEFAULT_MAX_FRAME_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_CONNECTIONS_PER_PEER);
    }

    public TransportConfig withMaxFrameBytes(int bytes) {
        return new TransportConfig(clusterName, bytes, connectTimeout, connectionsPerPeer, handshakeTimeout,
                reconnectBackoff, eventLoopThreads);
    }

    public TransportConfig withConnectTimeout(Duration timeout) {
        return new TransportConfig(clusterName, maxFrameBytes, timeout, connectionsPerPeer, handshakeTimeout,
                reconnectBackoff, eventLoopThreads);
    }

    public TransportConfig withConnectionsPerPeer(int connections) {
        return new TransportConfig(clusterName, maxFrameBytes, connectTimeout, connections, handshakeTimeout,
                reconnectBackoff, eventLoopThreads);
    }

    public TransportConfig withHandshakeTimeout(Duration timeout) {
        return new TransportConfig(clusterName, maxFrameBytes, connectTimeout, connectionsPerPeer, timeout,
                reconnectBackoff, eventLoopThreads);
    }

    public TransportConfig withReconnectBackoff(Duration backoff) {
        return new TransportConfig(clusterName, maxFrameBytes, connectTimeout, connectionsPerPeer, handshakeTimeout,
                backoff, eventLoopThreads);
    }

    public TransportConfig withEventLoopThreads(int threads) {
        return new TransportConfig(clusterName, maxFrameBytes, connectTimeout, connectionsPerPeer, handshakeTimeout,
                reconnectBackoff, threads);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
