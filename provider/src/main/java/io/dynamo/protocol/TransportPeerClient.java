package io.dynamo.protocol;

import io.dynamo.ring.Member;
import io.dynamo.transport.Frame;
import io.dynamo.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PeerClient} over the Netty transport, with the codec of the families this process speaks. */
public final class TransportPeerClient implements PeerClient {
    private final Transport transport;
    private final MessageCodec codec;
    // Member.address() resolves the host each time; a peer's address is resolved once.
    private final ConcurrentHashMap<Member, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    public TransportPeerClient(Transport transport, MessageCodec codec) {
        this.transport = transport;
        this.codec = codec;
    }

    @Override
    public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
        return call(addresses.computeIfAbsent(peer, Member::address), request, timeout);
    }

    @Override
    public CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        transport.request(address, request.type(), MessageCodec.encode(request), timeout).whenComplete((frame, error) -> {
            if (error != null) {
                answer.completeExceptionally(PeerClient.unwrap(error));
                return;
            }
            try {
                answer.complete(decode(frame));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private Message decode(Frame frame) {
        return codec.decodeResponse(frame.type(), frame.payload());
    }
}
