package io.dynamo.replica;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.DynamoException;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {
    private final Ring ring = Ring.create(16, List.of(new Member(new NodeId("n1"), "127.0.0.1", 1, "")));
    private final KeyPartitions partitions = new KeyPartitions(() -> ring);

    @Test
    void aBatchOfEngineKeysIsRefusedWholeWhenOneIsOfAnotherPartition() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        int p = ring.partitionOf(a);
        byte[] other = otherPartitionKey(p);

        assertThatCode(() -> partitions.requireStored(p, List.of(StoredKey.of("carts", a)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> partitions.requireStored(p, List.of(StoredKey.of("carts", a), StoredKey.of("carts", other))))
                .isInstanceOf(DynamoException.class).hasMessageContaining("sent as one of partition " + p);
    }

    @Test
    void aMalformedEngineKeyIsABadRequestNotAnIndexError() {
        assertThatThrownBy(() -> partitions.requireStored(0, List.of(new byte[] {9, 'c'}))).isInstanceOf(DynamoException.class)
                .hasMessageContaining("malformed stored key");
        assertThatThrownBy(() -> partitions.requireStored(0, List.of(new byte[0]))).isInstanceOf(DynamoException.class);
    }

    private byte[] otherPartitionKey(int notIn) {
        for (int i = 0; ; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            if (ring.partitionOf(key) != notIn) {
                return key;
            }
        }
    }
}
