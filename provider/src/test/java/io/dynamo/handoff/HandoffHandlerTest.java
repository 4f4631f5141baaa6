package io.dynamo.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.replica.KeyPartitions;
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
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffHandlerTest {
    private static final byte[] KEY = "cart:alice".getBytes(StandardCharsets.UTF_8);
    private final Ring ring = Ring.create(8, List.of(new Member(new NodeId("n1"), "127.0.0.1", 1, "")));
    private final int partition = ring.partitionOf(KEY);

    @Test
    void aHintUnderTheWrongPartitionOrFromFarInTheFutureIsRefusedAndNotKept() {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            HintStore hints = new HintStore(engine.hints());
            HandoffHandler handler = new HandoffHandler(hints, new KeyPartitions(() -> ring), HybridLogicalClock.system());
            byte[] now = DvvSet.empty().put(VersionVector.empty(), "n2", HybridLogicalClock.system().now(), new byte[] {1}).encode();
            byte[] future = DvvSet.empty().put(VersionVector.empty(), "n2", Long.MAX_VALUE, new byte[] {1}).encode();

            assertThatThrownBy(() -> handler.handle(hint((partition + 1) % 8, now), Caller.UNKNOWN).join())
                    .isInstanceOf(DynamoException.class).hasMessageContaining("was sent as one of partition");
            assertThatThrownBy(() -> handler.handle(hint(partition, future), Caller.UNKNOWN).join())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ahead of this node's clock");
            assertThat(hints.pendingByOwner()).isEmpty();

            handler.handle(hint(partition, now), Caller.UNKNOWN).join();
            assertThat(hints.pendingByOwner()).containsEntry(new NodeId("n3"), 1L);
        }
    }

    private static HintedWrite hint(int partition, byte[] state) {
        return new HintedWrite("n3", "carts", partition, KEY, ConflictPolicy.SIBLINGS, state);
    }
}
