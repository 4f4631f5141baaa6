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
    /** Bodies up to this size are kept for the next call of the same thread; a larger one is not held on to. */
    private static final int REUSED_BODY_BYTES = 64 * 1024;
    // A coordinator sends one replica write to each replica in turn, from one thread: the same
    // message is encoded once and its body handed to every peer's connection (each copies it into
    // its own batch of frames, so the body is only read). Messages are values, never changed once sent.
    private static final ThreadLocal<LastBody> LAST = ThreadLocal.withInitial(LastBody::new);

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
        transport.request(address, request.type(), encodeOnce(request), timeout).whenComplete((frame, error) -> {
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

    private static byte[] encodeOnce(Message request) {
        LastBody last = LAST.get();
        if (last.message == request) {
            return last.body;
        }
        byte[] body = MessageCodec.encode(request);
        boolean keep = body.length <= REUSED_BODY_BYTES;
        last.message = keep ? request : null;
        last.body = keep ? body : null;
        return body;
    }

    /** The last message a thread sent and its body. */
    private static final class LastBody {
        private Message message;
        private byte[] body;
    }

    private Message decode(Frame frame) {
        return codec.decodeResponse(frame.type(), frame.payload());
    }
}
