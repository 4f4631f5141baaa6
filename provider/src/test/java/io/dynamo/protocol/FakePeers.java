package io.dynamo.protocol;

import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link PeerClient}s for unit tests, from one lambda: in-process delivery instead of the transport. */
public final class FakePeers {
    private FakePeers() {}

    @FunctionalInterface
    public interface MemberCall {
        CompletableFuture<Message> call(Member peer, Message request, Duration timeout);
    }

    @FunctionalInterface
    public interface AddressCall {
        CompletableFuture<Message> call(InetSocketAddress to, Message request, Duration timeout);
    }

    /** Calls by member; calls by address (seeds) are not expected. */
    public static PeerClient members(MemberCall call) {
        return new PeerClient() {
            @Override
            public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
                return call.call(peer, request, timeout);
            }

            @Override
            public CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout) {
                throw new AssertionError("unexpected call by address to " + address);
            }
        };
    }

    /** Calls by address; a call to a member goes to its address. */
    public static PeerClient addresses(AddressCall call) {
        return new PeerClient() {
            @Override
            public CompletableFuture<Message> call(Member peer, Message request, Duration timeout) {
                return call.call(peer.address(), request, timeout);
            }

            @Override
            public CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout) {
                return call.call(address, request, timeout);
            }
        };
    }
}
