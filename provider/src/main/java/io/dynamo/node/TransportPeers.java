package io.dynamo.node;

import io.dynamo.coordinator.Peers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.ring.Member;
import io.dynamo.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Peers} over the Netty transport: encodes requests, decodes responses, turns errors into exceptions. */
public final class TransportPeers implements Peers {
    private final Transport transport;
    private final ConcurrentHashMap<Member, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    public TransportPeers(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        InetSocketAddress address = addresses.computeIfAbsent(peer, Member::address);
        return transport.request(address, request.type(), MessageCodec.encode(request), timeout)
                .thenApply(f -> MessageCodec.decodeResponse(f.type(), f.payload()));
    }
}
