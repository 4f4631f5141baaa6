package io.dynamo.transport;

/**
 * Counters of one {@link Transport} since it was created, for monitoring and tests.
 *
 * @param requestsSent        requests written to a peer
 * @param responsesReceived   responses that completed a pending request
 * @param requestsTimedOut    requests failed with {@link RequestTimeoutException}
 * @param requestsFailed      requests failed with another {@link TransportException} (unreachable peer, drop, ...)
 * @param requestsServed      requests handed to the local {@link RequestHandler}
 * @param connectionsOpened   outgoing connections whose handshake was accepted
 * @param connectFailures     outgoing connections that failed to connect or were refused
 * @param protocolViolations  connections (either direction) closed for a malformed or unexpected frame
 * @param readsPaused         times an accepted connection stopped being read for being over its {@link ConnectionLimits}
 */
public record TransportMetrics(long requestsSent, long responsesReceived, long requestsTimedOut, long requestsFailed,
                               long requestsServed, long connectionsOpened, long connectFailures,
                               long protocolViolations, long readsPaused) {
}
