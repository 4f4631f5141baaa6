package io.dynamo.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.consensus.Acceptor;
import io.dynamo.consensus.PaxosStore;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.coordinator.CoordinatorMessage.PutResult;
import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.LocalReplica;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.PreferenceList;
import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.transport.TransportException;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.HybridLogicalClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The coordinator's sloppy quorum (paper §4.6), with a scripted network. */
class SloppyQuorumTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("c", ConflictPolicy.SIBLINGS);

    private record Sent(Member to, Message message) {}

    private record LocalHint(NodeId owner, int partition) {}

    @Test
    void aDownPrimaryIsReplacedByTheNextLiveNodeWithAHintAndItsAckCounts() throws Exception {
        Ring ring = Ring.create(16, members(4));
        byte[] key = bytes("k");
        PreferenceList pl = ring.preferenceList(ring.partitionOf(key), 3);
        Member self = pl.primaries().get(0);
        Member down = pl.primaries().get(2);
        Member fallback = pl.fallbacks().get(0);
        List<Sent> sent = new ArrayList<>();
        List<LocalHint> hinted = new ArrayList<>();
        Coordinator c = coordinator(ring, self, Set.of(down.id()), sent, hinted, Set.of());

        Message answer = c.write(put(key), CACHE, key, new byte[0], Optional.of(bytes("v")), 0, false).get(5, TimeUnit.SECONDS);

        assertThat(answer).isInstanceOf(PutResult.class);
        assertThat(sent).extracting(Sent::to).containsExactlyInAnyOrder(pl.primaries().get(1), fallback);
        HintedWrite hint = (HintedWrite) sent.stream().filter(s -> s.to().equals(fallback)).findFirst().orElseThrow().message();
        assertThat(hint.owner()).isEqualTo(down.id().value());
        assertThat(hint.partition()).isEqualTo(pl.partition());
        assertThat(hinted).isEmpty();
        assertThat(c.stats()).as("one sloppy-quorum write, no hint kept here").isEqualTo(new CoordinatorStats(1, 0, 0, 0));
    }

    @Test
    void withFewerLiveNodesThanNTheCoordinatorKeepsTheHintItselfAndDoesNotCountIt() throws Exception {
        Ring ring = Ring.create(16, members(3));
        byte[] key = bytes("k");
        PreferenceList pl = ring.preferenceList(ring.partitionOf(key), 3);
        Member self = pl.primaries().get(0);
        Member down = pl.primaries().get(1);
        List<Sent> sent = new ArrayList<>();
        List<LocalHint> hinted = new ArrayList<>();

        Coordinator w2 = coordinator(ring, self, Set.of(down.id()), sent, hinted, Set.of());
        assertThat(w2.write(put(key), CACHE, key, new byte[0], Optional.of(bytes("v")), 0, false).get(5, TimeUnit.SECONDS))
                .isInstanceOf(PutResult.class);
        assertThat(hinted).containsExactly(new LocalHint(down.id(), pl.partition()));
        assertThat(sent).extracting(Sent::to).containsExactly(pl.primaries().get(2));
        assertThat(w2.stats()).as("no fallback left: the hint is kept here").isEqualTo(new CoordinatorStats(0, 1, 0, 0));

        CacheSpec w3 = CACHE.withQuorums(3, 2, 3);
        CompletableFuture<Message> strict = w2.write(put(key), w3, key, new byte[0], Optional.of(bytes("v")), 0, false);
        assertThat(strict.get(5, TimeUnit.SECONDS)).as("stored here, short of W: the client may go to another coordinator")
                .isInstanceOf(CoordinatorMessage.WriteIncomplete.class);
    }

    @Test
    void aReplicaThatFailsToTakeTheWriteGetsAHintKeptAtTheCoordinator() throws Exception {
        Ring ring = Ring.create(16, members(3));
        byte[] key = bytes("k");
        PreferenceList pl = ring.preferenceList(ring.partitionOf(key), 3);
        Member self = pl.primaries().get(0);
        Member unreachable = pl.primaries().get(2);
        List<LocalHint> hinted = new ArrayList<>();
        Coordinator c = coordinator(ring, self, Set.of(), new ArrayList<>(), hinted, Set.of(unreachable.id()));
        assertThat(c.write(put(key), CACHE, key, new byte[0], Optional.of(bytes("v")), 0, false).get(5, TimeUnit.SECONDS))
                .isInstanceOf(PutResult.class);
        assertThat(hinted).containsExactly(new LocalHint(unreachable.id(), pl.partition()));
        assertThat(c.stats().hintsKept()).isEqualTo(1);
    }

    private static Coordinator coordinator(Ring ring, Member self, Set<NodeId> down, List<Sent> sent, List<LocalHint> hinted,
            Set<NodeId> refusing) {
        LocalReplica local = new LocalReplica(StorageEngines.memory(EngineOptions.defaults()), 25, 100);
        PeerClient peers = FakePeers.members((peer, request, timeout) -> {
            synchronized (sent) {
                sent.add(new Sent(peer, request));
            }
            if (refusing.contains(peer.id())) {
                return CompletableFuture.failedFuture(new TransportException("connection refused"));
            }
            assertThat(request).isInstanceOfAny(ReplicaWrite.class, HintedWrite.class);
            return CompletableFuture.completedFuture(new Ack());
        });
        HintSink sink = (owner, partition, storedKey, policy, state) -> {
            synchronized (hinted) {
                hinted.add(new LocalHint(owner, partition));
            }
        };
        return new Coordinator(self.id(), () -> ring, local, peers, HybridLogicalClock.system(), id -> !down.contains(id), sink,
                new Acceptor(new PaxosStore(StorageEngines.memory(EngineOptions.defaults())), local), Runnable::run, Hedging.off());
    }

    private static Put put(byte[] key) {
        return new Put(CACHE, key, new byte[0], bytes("v"));
    }

    private static List<Member> members(int count) {
        List<Member> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Member.parse("n" + i + "@10.0.0." + i + ":7000"));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
