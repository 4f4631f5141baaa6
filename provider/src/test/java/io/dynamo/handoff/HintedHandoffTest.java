package io.dynamo.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.protocol.Ack;
import io.dynamo.protocol.FakePeers;
import io.dynamo.protocol.Message;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.replica.StoredKey;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One node's handoff rounds over in-process peers that record what they were sent. */
class HintedHandoffTest {
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final byte[] KEY = StoredKey.of("cart", "alice".getBytes(StandardCharsets.UTF_8));

    private final StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
    private final HintStore store = new HintStore(engine.hints());
    private final List<Member> sentTo = new CopyOnWriteArrayList<>();
    private final Ring ring = Ring.create(8, List.of(member("a", 1), member("b", 2), member("c", 3)));

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aHintForAnOwnerStillInTheRingGoesToThatOwner() throws Exception {
        store.store(id("b"), 3, KEY, ConflictPolicy.SIBLINGS, written(System.currentTimeMillis()));
        HintedHandoff handoff = handoff();
        assertThat(handoff.deliverRound()).isEqualTo(1);
        assertThat(sentTo).extracting(Member::id).containsExactly(id("b"));
        assertThat(store.pendingByOwner()).isEmpty();
        assertThat(handoff.delivered()).as("counted for the metrics").isEqualTo(1);
        assertThat(handoff.deliverRound()).isZero();
        assertThat(handoff.delivered()).isEqualTo(1);
    }

    @Test
    void aHintForAnOwnerThatLeftTheRingGoesToTheKeysCurrentReplicaNotToTheOldOwner() throws Exception {
        store.store(id("gone"), 5, KEY, ConflictPolicy.SIBLINGS, written(System.currentTimeMillis()));
        assertThat(handoff().deliverRound()).isEqualTo(1);
        assertThat(sentTo).extracting(Member::id).containsExactly(ring.preferenceList(5, 1).primaries().get(0).id());
        assertThat(store.pendingByOwner()).as("not kept forever").isEmpty();
    }

    @Test
    void aHintOlderThanItsLifetimeIsDroppedNotDeliveredSoItCannotOutliveAPurgedTombstone() throws Exception {
        long old = System.currentTimeMillis() - LIFETIME.toMillis() - 60_000;
        store.store(id("b"), 3, KEY, ConflictPolicy.SIBLINGS, written(old));
        HintedHandoff handoff = handoff();
        assertThat(handoff.deliverRound()).isZero();
        assertThat(handoff.delivered()).as("dropped is not delivered").isZero();
        assertThat(sentTo).isEmpty();
        assertThat(store.pendingByOwner()).isEmpty();
    }

    private HintedHandoff handoff() {
        return new HintedHandoff(id("a"), store, FakePeers.members(this::record), nodeId -> true, () -> ring,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 64, LIFETIME);
    }

    private CompletableFuture<Message> record(Member peer, Message request, Duration timeout) {
        assertThat(request).isInstanceOf(ReplicaWrite.class);
        sentTo.add(peer);
        return CompletableFuture.completedFuture(new Ack());
    }

    private static DvvSet written(long millis) {
        return DvvSet.empty().put(VersionVector.empty(), "c", millis << 16, "book".getBytes(StandardCharsets.UTF_8));
    }

    private static Member member(String id, int port) {
        return new Member(id(id), "127.0.0.1", port, "");
    }

    private static NodeId id(String s) {
        return new NodeId(s);
    }
}
