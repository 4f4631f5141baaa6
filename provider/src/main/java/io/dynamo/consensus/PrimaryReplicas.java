package io.dynamo.consensus;

import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A key's N primaries as a round reaches them: this node's own acceptor directly, a node the
 * failure detector holds down as failed at once (its answer would come too late), the others over
 * the network. Never a fallback: consensus needs the same N acceptors in every round, which is
 * why conditional writes need a majority of the key's own replicas (unlike sloppy-quorum puts).
 */
public final class PrimaryReplicas implements RoundReplicas {
    private final NodeId self;
    private final List<Member> primaries;
    private final Acceptor local;
    private final PeerClient peers;
    private final Predicate<NodeId> isUp;
    private final Duration timeout;

    public PrimaryReplicas(NodeId self, List<Member> primaries, Acceptor local, PeerClient peers, Predicate<NodeId> isUp, Duration timeout) {
        this.self = self;
        this.primaries = List.copyOf(primaries);
        this.local = local;
        this.peers = peers;
        this.isUp = isUp;
        this.timeout = timeout;
    }

    @Override
    public int size() {
        return primaries.size();
    }

    @Override
    public String name(int index) {
        return primaries.get(index).id().value();
    }

    @Override
    public CompletableFuture<Message> send(int index, ConsensusMessage request) {
        Member m = primaries.get(index);
        if (m.id().equals(self)) {
            return CompletableFuture.completedFuture(local.answer(request));
        }
        if (!isUp.test(m.id())) {
            return CompletableFuture.failedFuture(new TransportException("held down by the failure detector"));
        }
        return peers.call(m, request, timeout);
    }
}
