package io.dynamo.antientropy;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import java.time.Duration;

/**
 * Blocking request/response to peers for the exchange threads, over the node's {@link PeerClient}
 * (decorated by {@link ThrottledPeers} for the repair rate), metered in bytes on the exact
 * encoding of each request and answer. A failure of any kind becomes an
 * {@link ExchangeFailedException} naming the peer.
 */
final class PeerCalls {
    private final PeerClient peers;
    private final Duration timeout;

    PeerCalls(PeerClient peers, Duration timeout) {
        this.peers = peers;
        this.timeout = timeout;
    }

    <T extends Message> T call(Member peer, Message request, Class<T> expected, ExchangeStats stats) {
        stats.sentBytes(MessageCodec.encodedSize(request));
        T answer;
        try {
            answer = PeerClient.await(peers.call(peer, request, expected, timeout), timeout.plusSeconds(1));
        } catch (RuntimeException e) {
            throw new ExchangeFailedException(peer.id() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        stats.receivedBytes(MessageCodec.encodedSize(answer));
        return answer;
    }
}
