package io.dynamo.transport;

/**
 * What one accepted connection may hold of a node: requests read but not yet answered, and reply
 * bytes queued for a peer that does not read them. Over either, the node stops reading from that
 * connection (TCP then pushes back on the sender) until it drains below half, so one client that
 * pipelines without reading cannot exhaust the node's memory, and other connections keep being
 * served.
 *
 * @param maxInFlightRequests  requests of one connection being handled at once
 * @param maxQueuedReplyBytes  reply bytes of one connection waiting for its socket
 */
public record ConnectionLimits(int maxInFlightRequests, int maxQueuedReplyBytes) {
    /** Far above what a node's own pipelined peer connections use, far below a node's heap. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(4096, 16 * 1024 * 1024);

    public ConnectionLimits {
        if (maxInFlightRequests < 2) {
            throw new IllegalArgumentException("maxInFlightRequests must be at least 2, was " + maxInFlightRequests);
        }
        if (maxQueuedReplyBytes < 2) {
            throw new IllegalArgumentException("maxQueuedReplyBytes must be at least 2, was " + maxQueuedReplyBytes);
        }
    }
}
