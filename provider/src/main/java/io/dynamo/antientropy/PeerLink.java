package io.dynamo.antientropy;

import io.dynamo.ring.Member;
import io.dynamo.transport.Frame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends an encoded request to a peer and yields its response frame (the node's transport, or a test's wiring). */
@FunctionalInterface
public interface PeerLink {
    CompletableFuture<Frame> request(Member peer, int type, byte[] payload, Duration timeout);
}
