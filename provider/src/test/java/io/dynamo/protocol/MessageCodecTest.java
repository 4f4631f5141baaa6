package io.dynamo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.admin.AdminMessage;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.handoff.HandoffMessage.HintsRequest;
import io.dynamo.handoff.HandoffMessage.HintsResult;
import io.dynamo.membership.MembershipMessage.Gossip;
import io.dynamo.membership.MembershipMessage.GossipResult;
import io.dynamo.membership.MembershipMessage.MembersRequest;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.replica.ReplicaMessage.ReplicaState;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.version.ConflictPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final MessageCodec CODEC = MessageCodec.of(io.dynamo.coordinator.CoordinatorMessage.FAMILY, io.dynamo.replica.ReplicaMessage.FAMILY,
            io.dynamo.membership.MembershipMessage.FAMILY, io.dynamo.handoff.HandoffMessage.FAMILY, io.dynamo.rebalance.RebalanceMessage.FAMILY,
            io.dynamo.antientropy.AntiEntropyMessage.FAMILY, io.dynamo.admin.AdminMessage.FAMILY);

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
    void aForwardedRequestKeepsItsForwardersEpochAndAWriteHandedOnAfterALostAnswerIsAlsoResent() {
        Put put = (Put) roundTrip(new Put(CACHE, bytes("k"), bytes("ctx"), bytes("value")).handedOnAt(65, true));
        assertThat(put.forwardedAt()).isEqualTo(65);
        assertThat(put.resent()).isTrue();
        Delete delete = (Delete) roundTrip(new Delete(CACHE, bytes("k"), bytes("ctx")).handedOnAt(1L << 40, false));
        assertThat(delete.forwardedAt()).isEqualTo(1L << 40);
        assertThat(delete.resent()).isFalse();
        assertThat(((Get) roundTrip(new Get(CACHE, bytes("k")).handedOnAt(3))).forwardedAt()).isEqualTo(3);
        assertThat(((Get) roundTrip(new Get(CACHE, bytes("k")))).forwardedAt()).as("a client's request").isZero();
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

        ReplicaWrite w = (ReplicaWrite) roundTrip(new ReplicaWrite("c", 255, bytes("k"), ConflictPolicy.MERGE, 5, bytes("state")));
        assertThat(w.partition()).isEqualTo(255);
        assertThat(w.n()).isEqualTo(5);
        assertThat(w.policy()).isEqualTo(ConflictPolicy.MERGE);
    }

    @Test
    void membershipAndHandoffMessagesRoundTrip() {
        Gossip g = (Gossip) roundTrip(new Gossip("n2", bytes("view")));
        assertThat(g.from()).isEqualTo("n2");
        assertThat(g.view()).isEqualTo(bytes("view"));
        assertThat(((GossipResult) roundTrip(new GossipResult(bytes("v")))).view()).isEqualTo(bytes("v"));
        assertThat(roundTrip(new MembersRequest())).isInstanceOf(MembersRequest.class);
        MembersResult m = (MembersResult) roundTrip(new MembersResult(bytes("v"), List.of("n1", "n3")));
        assertThat(m.down()).containsExactly("n1", "n3");
        HintedWrite h = (HintedWrite) roundTrip(
                new HintedWrite("n3", "c", 4095, bytes("k"), ConflictPolicy.SIBLINGS, bytes("state")));
        assertThat(h.owner()).isEqualTo("n3");
        assertThat(h.partition()).isEqualTo(4095);
        assertThat(h.key()).isEqualTo(bytes("k"));
        assertThat(h.state()).isEqualTo(bytes("state"));
        assertThat(roundTrip(new HintsRequest())).isInstanceOf(HintsRequest.class);
        assertThat(((HintsResult) roundTrip(new HintsResult(java.util.Map.of("n3", 10_000L)))).pending())
                .isEqualTo(java.util.Map.of("n3", 10_000L));
    }

    @Test
    void errorResponseBecomesTheMatchingException() {
        ErrorResult e = new ErrorResult(ErrorCode.QUORUM_NOT_REACHED, "write quorum not reached: 1 of 2");
        assertThatThrownBy(() -> CODEC.decodeResponse(e.type(), MessageCodec.encode(e)))
                .isInstanceOf(QuorumNotReachedException.class)
                .hasMessageContaining("1 of 2");
    }

    @Test
    void truncatedMessagesAreRejectedNotMisread() {
        byte[] full = MessageCodec.encode(new Put(CACHE, bytes("key"), bytes("ctx"), bytes("value")));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> CODEC.decode(CoordinatorMessage.PUT, cut)).isInstanceOf(MalformedMessageException.class);
        }
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThatThrownBy(() -> CODEC.decode(CoordinatorMessage.PUT, longer)).hasMessageContaining("trailing");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformed() {
        SplittableRandom random = new SplittableRandom(42);
        int[] types = {CoordinatorMessage.GET, CoordinatorMessage.PUT, CoordinatorMessage.DELETE, ReplicaMessage.REPLICA_READ, ReplicaMessage.REPLICA_WRITE, CoordinatorMessage.GET_RESULT,
                AdminMessage.STATUS_RESULT, 99};
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            int type = types[random.nextInt(types.length)];
            try {
                CODEC.decode(type, junk);
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
        return CODEC.decode(m.type(), MessageCodec.encode(m));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
