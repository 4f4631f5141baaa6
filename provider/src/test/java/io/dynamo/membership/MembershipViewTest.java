package io.dynamo.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.ring.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MembershipViewTest {
    private static final Member N1 = Member.parse("n1@10.0.0.1:7001");
    private static final Member N2 = Member.parse("n2@10.0.0.2:7001");
    private static final Member N3 = Member.parse("n3@10.0.0.3:7001");
    private static final Member N4 = Member.parse("n4@10.0.0.4:7001/zone-b");
    private static final Ring RING = Ring.create(16, List.of(N1, N2, N3));

    @Test
    void ringOfHigherEpochWinsWhicheverSideHoldsIt() {
        MembershipView old = MembershipView.of(RING);
        MembershipView grown = MembershipView.of(RING.join(N4));
        assertThat(old.merge(grown).ring()).isEqualTo(RING.join(N4));
        assertThat(grown.merge(old).ring()).isEqualTo(RING.join(N4));
    }

    @Test
    void entryOfALaterGenerationBeatsAHigherHeartbeatOfAnEarlierRun() {
        MembershipView v = MembershipView.of(RING);
        MembershipView beforeRestart = v.with(new MemberEntry(N2, MemberState.UP, 100, 5_000));
        MembershipView afterRestart = v.with(new MemberEntry(N2, MemberState.UP, 200, 1));
        assertThat(beforeRestart.merge(afterRestart).entry(N2.id()).orElseThrow().generation()).isEqualTo(200);
        assertThat(afterRestart.merge(beforeRestart).entry(N2.id()).orElseThrow().generation()).isEqualTo(200);
    }

    @Test
    void mergeIsCommutativeAssociativeAndIdempotentSoGossipConverges() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            MembershipView a = randomView(random);
            MembershipView b = randomView(random);
            MembershipView c = randomView(random);
            assertThat(a.merge(b)).isEqualTo(b.merge(a));
            assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
            assertThat(a.merge(a)).isEqualTo(a);
        }
    }

    @Test
    void encodesAndDecodesEveryField() {
        MembershipView v = MembershipView.of(RING).with(new MemberEntry(N4, MemberState.JOINING, 1_700_000_000_000L, 42));
        MembershipView back = MembershipView.decode(v.encode());
        assertThat(back).isEqualTo(v);
        assertThat(back.member(new NodeId("n4"))).contains(N4);
    }

    @Test
    void garbageIsAMalformedMessage() {
        byte[] bytes = MembershipView.of(RING).encode();
        bytes[0] = 9;
        assertThatThrownBy(() -> MembershipView.decode(bytes)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MembershipView.decode(new byte[] {1, 3, 1, 2})).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aNodeNeverDeclaresItselfDown() {
        assertThatThrownBy(() -> new MemberEntry(N1, MemberState.DOWN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MembershipView randomView(SplittableRandom random) {
        List<Ring> rings = List.of(RING, RING.join(N4), RING.leave(N3.id()), RING.join(N4).leave(N1.id()));
        MembershipView v = MembershipView.of(rings.get(random.nextInt(rings.size())));
        List<Member> members = new ArrayList<>(List.of(N1, N2, N3, N4));
        for (Member m : members) {
            if (random.nextBoolean()) {
                MemberState state = MemberState.values()[random.nextInt(3)];
                v = v.with(new MemberEntry(m, state, random.nextInt(3), random.nextInt(4)));
            }
        }
        return v;
    }
}
