package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AntiEntropyMessagesTest {
    @Test
    void everyAntiEntropyMessageSurvivesTheWire() {
        List<Message> messages = List.of(
                new Message.TreeHashes(7, 10, 2, new int[] {0, 31, 1023}),
                new Message.TreeHashesResult(true, List.of(new byte[32], new byte[16])),
                new Message.LeafDigests(255, 10, new int[] {3, 900}, "cart"),
                new Message.KeyDigests(true, List.of(bytes("k1"), bytes("k2")), List.of(new byte[16], new byte[16])),
                new Message.FetchEntries(1, List.of(bytes("k"))),
                new Message.Entries(3, List.of(bytes("k")), List.of(bytes("state"))),
                new Message.PushEntries(2, List.of(bytes("a"), bytes("b")), List.of(bytes("s1"), bytes("s2"))),
                new Message.Purge(4, List.of(bytes("gone")), List.of(new byte[16])),
                new Message.TreeSummary(),
                new Message.TreeSummaryResult("n1", List.of(new Message.PartitionTree(0, true, new byte[32], 12, 1),
                        new Message.PartitionTree(1, false, new byte[0], 0, 0))),
                new Message.RepairStart(""),
                new Message.RepairStatus(42),
                new Message.AntiEntropySettings(5000),
                new Message.AntiEntropySettings(-1),
                new Message.RepairProgress(42, 10, 256, 20, 3, 5, 6, 7000, 8000, 2, 1234, false, "n3: down"));
        for (Message m : messages) {
            Message back = MessageCodec.decode(m.type(), MessageCodec.encode(m));
            assertThat(back).usingRecursiveComparison().as(m.getClass().getSimpleName()).isEqualTo(m);
            assertThat(MessageCodec.encode(back)).isEqualTo(MessageCodec.encode(m));
        }
    }

    @Test
    void truncatedBodiesAreMalformed() {
        byte[] body = MessageCodec.encode(new Message.LeafDigests(255, 10, new int[] {3, 900}, "cart"));
        assertThatThrownBy(() -> MessageCodec.decode(Message.LEAF_DIGESTS, java.util.Arrays.copyOf(body, body.length - 2)))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> new Message.Entries(1, List.of(bytes("k")), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
