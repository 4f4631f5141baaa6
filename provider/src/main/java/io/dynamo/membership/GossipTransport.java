package io.dynamo.membership;

import io.dynamo.protocol.Message;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends one request to an address and yields the decoded answer: what gossip needs of the transport. */
@FunctionalInterface
public interface GossipTransport {
    CompletableFuture<Message> call(InetSocketAddress to, Message request, Duration timeout);
}
