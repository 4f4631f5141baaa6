package io.dynamo.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.Message;
import io.dynamo.replica.ReplicaMessage.ReplicaRead;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.HybridLogicalClock;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaHandlerTest {
    private static final byte[] KEY = "cart:alice".getBytes(StandardCharsets.UTF_8);
    private static final long NOW_MILLIS = 1_700_000_000_000L;

    private final Ring ring = Ring.create(8, List.of(new Member(new NodeId("n1"), "127.0.0.1", 1, "")));
    private final int partition = ring.partitionOf(KEY);
    private final AtomicLong wall = new AtomicLong(NOW_MILLIS);
    private final HybridLogicalClock clock = new HybridLogicalClock(wall::get, Duration.ofMinutes(1));
    private final StorageEngine engine = StorageEngines.memory(EngineOptions.defaults());
    private final LocalReplica local = new LocalReplica(engine, 25, 100, clock);
    private final ReplicaHandler handler = new ReplicaHandler(local, new KeyPartitions(() -> ring), CacheReplicas.inMemory());

    @AfterEach
    void close() {
        engine.close();
    }

    private static long at(long millis) {
        return millis << 16;
    }

    private void write(int partition, DvvSet state) {
        handler.handle(new ReplicaWrite("carts", partition, KEY, ConflictPolicy.LAST_WRITE_WINS, 3, state.encode()), Caller.UNKNOWN).join();
    }

    @Test
    void aReplicaReadAnswersWithTheBytesTheEngineHoldsUndecoded() {
        byte[] stored = {42, 1, 2, 3}; // not a state at all: the reader's decode refuses it, not this replica
        engine.put(partition, StoredKey.of("carts", KEY), stored);

        Message answer = handler.handle(new ReplicaRead("carts", partition, KEY), Caller.UNKNOWN).join();
        assertThat(answer).isInstanceOfSatisfying(ReplicaState.class, s -> assertThat(s.state()).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(stored)));
        Message absent = handler.handle(new ReplicaRead("carts", partition, bytes("nobody")), Caller.UNKNOWN).join();
        assertThat(((ReplicaState) absent).state()).isEmpty();
    }

    @Test
    void aReplicaWriteUnderAnotherPartitionThanItsKeysIsRefusedAndStoresNothing() {
        DvvSet state = DvvSet.empty().put(VersionVector.empty(), "n2", at(NOW_MILLIS), bytes("book"));

        assertThatThrownBy(() -> write((partition + 1) % 8, state)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("a key of partition " + partition + " was sent as one of partition");
        for (int p = 0; p < 8; p++) {
            assertThat(local.read("carts", p, KEY)).isEmpty();
        }
        write(partition, state);
        assertThat(local.read("carts", partition, KEY)).contains(state);
    }

    @Test
    void aTimestampFarInTheFutureIsRefusedAndCannotMakeTheKeyUnwritable() {
        DvvSet poison = DvvSet.empty().put(VersionVector.empty(), "evil", Long.MAX_VALUE, bytes("forever"));

        assertThatThrownBy(() -> write(partition, poison)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ahead of this node's clock");
        assertThat(local.read("carts", partition, KEY)).isEmpty();
        assertThat(HybridLogicalClock.physicalMillis(clock.now())).isEqualTo(NOW_MILLIS);

        DvvSet written = local.write("carts", partition, KEY, VersionVector.empty(), "n1", clock.now(),
                Optional.of(bytes("pen")), ConflictPolicy.LAST_WRITE_WINS);
        assertThat(written.values()).extracting(s -> new String(s.value(), StandardCharsets.UTF_8)).containsExactly("pen");
    }

    @Test
    void aPeerClockAheadWithinTheBoundIsFollowed() {
        long ahead = at(NOW_MILLIS + 30_000);
        write(partition, DvvSet.empty().put(VersionVector.empty(), "n2", ahead, bytes("book")));

        assertThat(clock.now()).isGreaterThan(ahead);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
