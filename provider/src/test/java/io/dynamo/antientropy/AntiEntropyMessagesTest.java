package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.antientropy.AntiEntropyMessage.AntiEntropySettings;
import io.dynamo.antientropy.AntiEntropyMessage.Entries;
import io.dynamo.antientropy.AntiEntropyMessage.FetchEntries;
import io.dynamo.antientropy.AntiEntropyMessage.KeyDigests;
import io.dynamo.antientropy.AntiEntropyMessage.LeafDigests;
import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.Purge;
import io.dynamo.antientropy.AntiEntropyMessage.PushEntries;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStart;
import io.dynamo.antientropy.AntiEntropyMessage.RepairStatus;
import io.dynamo.antientropy.AntiEntropyMessage.TreeHashes;
import io.dynamo.antientropy.AntiEntropyMessage.TreeRoots;
import io.dynamo.antientropy.AntiEntropyMessage.TreeRootsResult;
import io.dynamo.antientropy.AntiEntropyMessage.TreeHashesResult;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummary;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AntiEntropyMessagesTest {
    private static final MessageCodec CODEC = MessageCodec.of(AntiEntropyMessage.FAMILY);

    @Test
    void everyAntiEntropyMessageSurvivesTheWire() {
        List<Message> messages = List.of(
                new TreeRoots(10, new byte[] {(byte) 0x55, 1}, new byte[16]),
                new TreeRootsResult(true, List.of()),
                new TreeRootsResult(false, List.of(new byte[16], new byte[0])),
                new TreeHashes(7, 10, 2, new int[] {0, 31, 1023}),
                new TreeHashesResult(true, List.of(new byte[32], new byte[16])),
                new LeafDigests(255, 10, new int[] {3, 900}, "cart"),
                new KeyDigests(true, List.of(bytes("k1"), bytes("k2")), List.of(new byte[16], new byte[16])),
                new FetchEntries(1, List.of(bytes("k"))),
                new Entries(3, List.of(bytes("k")), List.of(bytes("state"))),
                new PushEntries(2, List.of(bytes("a"), bytes("b")), List.of(bytes("s1"), bytes("s2"))),
                new Purge(4, List.of(bytes("gone")), List.of(new byte[16])),
                new TreeSummary(),
                new TreeSummaryResult("n1", List.of(new PartitionTree(0, true, new byte[32], 12, 1),
                        new PartitionTree(1, false, new byte[0], 0, 0))),
                new RepairStart(""),
                new RepairStatus(42),
                new AntiEntropySettings(5000),
                new AntiEntropySettings(-1),
                new RepairProgress(42, 10, 256, 20, 3, 5, 6, 7000, 8000, 2, 1234, false, "n3: down"));
        for (Message m : messages) {
            Message back = CODEC.decode(m.type(), MessageCodec.encode(m));
            assertThat(back).usingRecursiveComparison().as(m.getClass().getSimpleName()).isEqualTo(m);
            assertThat(MessageCodec.encode(back)).isEqualTo(MessageCodec.encode(m));
        }
    }

    @Test
    void truncatedBodiesAreMalformed() {
        byte[] body = MessageCodec.encode(new LeafDigests(255, 10, new int[] {3, 900}, "cart"));
        assertThatThrownBy(() -> CODEC.decode(AntiEntropyMessage.LEAF_DIGESTS, java.util.Arrays.copyOf(body, body.length - 2)))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> new Entries(1, List.of(bytes("k")), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
