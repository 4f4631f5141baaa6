package io.dynamo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.Message.ErrorResult;
import io.dynamo.protocol.Message.GetResult;
import io.dynamo.protocol.Message.Put;
import io.dynamo.protocol.Message.ReplicaState;
import io.dynamo.protocol.Message.ReplicaWrite;
import io.dynamo.protocol.Message.StatusResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final CacheSpec CACHE = new CacheSpec("carts", 3, 2, 2, ConflictPolicy.LAST_WRITE_WINS, Duration.ofMillis(1500));

    @Test
    void putRoundTripsEveryField() {
        Put put = new Put(CACHE, bytes("k"), bytes("ctx"), bytes("value"));
        Put back = (Put) roundTrip(put);
        assertThat(back.cache()).isEqualTo(CACHE);
        assertThat(back.key()).isEqualTo(bytes("k"));
        assertThat(back.context()).isEqualTo(bytes("ctx"));
        assertThat(back.value()).isEqualTo(bytes("value"));
    }

    @Test
    void responsesRoundTrip() {
        GetResult get = (GetResult) roundTrip(new GetResult(7, List.of(bytes("a"), bytes("")), bytes("c")));
        assertThat(get.epoch()).isEqualTo(7);
        assertThat(get.values()).hasSize(2);
        assertThat(get.values().get(0)).isEqualTo(bytes("a"));
        assertThat(get.values().get(1)).isEmpty();

        assertThat(((ReplicaState) roundTrip(new ReplicaState(Optional.empty()))).state()).isEmpty();
        assertThat(((ReplicaState) roundTrip(new ReplicaState(Optional.of(bytes("s"))))).state()).contains(bytes("s"));

        StatusResult status = (StatusResult) roundTrip(new StatusResult("n1", 3, 1_000_000_000_000L, 86, 12345));
        assertThat(status).isEqualTo(new StatusResult("n1", 3, 1_000_000_000_000L, 86, 12345));

        ReplicaWrite w = (ReplicaWrite) roundTrip(new ReplicaWrite("c", 255, bytes("k"), ConflictPolicy.MERGE, bytes("state")));
        assertThat(w.partition()).isEqualTo(255);
        assertThat(w.policy()).isEqualTo(ConflictPolicy.MERGE);
    }

    @Test
    void membershipAndHandoffMessagesRoundTrip() {
        Message.Gossip g = (Message.Gossip) roundTrip(new Message.Gossip("n2", bytes("view")));
        assertThat(g.from()).isEqualTo("n2");
        assertThat(g.view()).isEqualTo(bytes("view"));
        assertThat(((Message.GossipResult) roundTrip(new Message.GossipResult(bytes("v")))).view()).isEqualTo(bytes("v"));
        assertThat(roundTrip(new Message.MembersRequest())).isInstanceOf(Message.MembersRequest.class);
        Message.MembersResult m = (Message.MembersResult) roundTrip(new Message.MembersResult(bytes("v"), List.of("n1", "n3")));
        assertThat(m.down()).containsExactly("n1", "n3");
        Message.HintedWrite h = (Message.HintedWrite) roundTrip(
                new Message.HintedWrite("n3", "c", 4095, bytes("k"), ConflictPolicy.SIBLINGS, bytes("state")));
        assertThat(h.owner()).isEqualTo("n3");
        assertThat(h.partition()).isEqualTo(4095);
        assertThat(h.key()).isEqualTo(bytes("k"));
        assertThat(h.state()).isEqualTo(bytes("state"));
        assertThat(roundTrip(new Message.HintsRequest())).isInstanceOf(Message.HintsRequest.class);
        assertThat(((Message.HintsResult) roundTrip(new Message.HintsResult(java.util.Map.of("n3", 10_000L)))).pending())
                .isEqualTo(java.util.Map.of("n3", 10_000L));
    }

    @Test
    void errorResponseBecomesTheMatchingException() {
        ErrorResult e = new ErrorResult(ErrorCode.QUORUM_NOT_REACHED, "write quorum not reached: 1 of 2");
        assertThatThrownBy(() -> MessageCodec.decodeResponse(e.type(), MessageCodec.encode(e)))
                .isInstanceOf(QuorumNotReachedException.class)
                .hasMessageContaining("1 of 2");
    }

    @Test
    void truncatedMessagesAreRejectedNotMisread() {
        byte[] full = MessageCodec.encode(new Put(CACHE, bytes("key"), bytes("ctx"), bytes("value")));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> MessageCodec.decode(Message.PUT, cut)).isInstanceOf(MalformedMessageException.class);
        }
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThatThrownBy(() -> MessageCodec.decode(Message.PUT, longer)).hasMessageContaining("trailing");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformed() {
        SplittableRandom random = new SplittableRandom(42);
        int[] types = {Message.GET, Message.PUT, Message.DELETE, Message.REPLICA_READ, Message.REPLICA_WRITE, Message.GET_RESULT,
                Message.STATUS_RESULT, 99};
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            int type = types[random.nextInt(types.length)];
            try {
                MessageCodec.decode(type, junk);
            } catch (MalformedMessageException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void badCacheSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new CacheSpec("c", 3, 4, 2, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1)))
                .hasMessageContaining("R=4").hasMessageContaining("N=3");
        assertThatThrownBy(() -> new CacheSpec("c", 3, 2, 5, ConflictPolicy.SIBLINGS, Duration.ofSeconds(1)))
                .hasMessageContaining("W=5");
        assertThatThrownBy(() -> ConflictPolicy.parse("newest")).hasMessageContaining("unknown conflict policy");
    }

    private static Message roundTrip(Message m) {
        return MessageCodec.decode(m.type(), MessageCodec.encode(m));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
