package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings, membership changes and accessors of the ring, by example. */
class RingTest {
    @ParameterizedTest
    @ValueSource(ints = {0, -4, 3, 12, 100, 1 << 17, Integer.MIN_VALUE})
    void aPartitionCountThatIsNotAPowerOfTwoInRangeIsRejected(int q) {
        assertThatThrownBy(() -> Ring.create(q, Rings.members(1, 0))).isInstanceOf(RingException.class)
                .hasMessageContaining("Q=" + q).hasMessageContaining("power of two");
    }

    @Test
    void theExtremePartitionCountsAreAccepted() {
        assertThat(Ring.create(1, Rings.members(1, 0)).partitionCount()).isEqualTo(1);
        Ring big = Ring.create(65536, Rings.members(3, 0));
        assertThat(big.partitionCount()).isEqualTo(65536);
        assertThat(big.partitionsOwnedBy(new NodeId("n000"))).hasSize(21846);
        assertThat(Ring.create(Rings.members(2, 0)).partitionCount()).isEqualTo(Ring.DEFAULT_PARTITIONS);
    }

    @Test
    void badMembershipsAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> Ring.create(8, List.of())).isInstanceOf(RingException.class)
                .hasMessageContaining("at least one member");
        assertThatThrownBy(() -> Ring.create(4, Rings.members(5, 0))).isInstanceOf(RingException.class)
                .hasMessageContaining("more members (5) than partitions (Q=4)");
        Member a = new Member(new NodeId("a"), "host1", 7000);
        assertThatThrownBy(() -> Ring.create(8, List.of(a, new Member(new NodeId("a"), "host2", 7000))))
                .isInstanceOf(RingException.class).hasMessageContaining("duplicate node id a");
        assertThatThrownBy(() -> Ring.create(8, List.of(a, new Member(new NodeId("b"), "HOST1", 7000))))
                .isInstanceOf(RingException.class).hasMessageContaining("duplicate address")
                .hasMessageContaining("a and b");
        List<Member> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Ring.create(8, withNull)).isInstanceOf(RingException.class);
    }

    @Test
    void badJoinsAndLeavesAreRejected() {
        Ring ring = Ring.create(4, Rings.members(3, 0));
        Member existing = ring.members().get(0);
        assertThatThrownBy(() -> ring.join(new Member(existing.id(), "elsewhere", 1)))
                .isInstanceOf(RingException.class).hasMessageContaining("already a member");
        assertThatThrownBy(() -> ring.join(new Member(new NodeId("x"), existing.host(), existing.port())))
                .isInstanceOf(RingException.class).hasMessageContaining("duplicate address");
        Ring full = ring.join(Rings.member("x"));
        assertThatThrownBy(() -> full.join(Rings.member("y"))).isInstanceOf(RingException.class)
                .hasMessageContaining("more members (5) than partitions (Q=4)");
        assertThatThrownBy(() -> ring.leave(new NodeId("nobody"))).isInstanceOf(RingException.class)
                .hasMessageContaining("nobody is not a member");
        Ring single = Ring.create(4, Rings.members(1, 0));
        assertThatThrownBy(() -> single.leave(new NodeId("n000"))).isInstanceOf(RingException.class)
                .hasMessageContaining("last member");
    }

    @Test
    void joinAndLeaveAreNewRingsWithHigherEpochs() {
        Ring first = Ring.create(256, Rings.members(4, 0));
        Ring joined = first.join(Rings.member("z"));
        Ring left = joined.leave(new NodeId("n001"));

        assertThat(first.epoch()).isEqualTo(1);
        assertThat(joined.epoch()).isEqualTo(2);
        assertThat(left.epoch()).isEqualTo(3);
        assertThat(first.members()).hasSize(4); // immutable
        assertThat(joined.partitionsOwnedBy(new NodeId("z"))).hasSize(51);
        assertThat(first.movedPartitions(joined)).isEqualTo(51);
        assertThat(joined.movedPartitions(left)).isEqualTo(joined.partitionsOwnedBy(new NodeId("n001")).size());
        assertThat(left.partitionCounts()).containsOnlyKeys(new NodeId("n000"), new NodeId("n002"),
                new NodeId("n003"), new NodeId("z"));
    }

    @Test
    void membersAreSortedByIdAndFoundById() {
        Ring ring = Ring.create(8, List.of(Rings.member("c"), Rings.member("a"), Rings.member("b")));
        assertThat(ring.members()).extracting(m -> m.id().value()).containsExactly("a", "b", "c");
        assertThat(ring.member(new NodeId("b"))).contains(Rings.member("b"));
        assertThat(ring.member(new NodeId("q"))).isEmpty();
        assertThat(ring.partitionsOwnedBy(new NodeId("q"))).isEmpty();
        assertThatThrownBy(() -> ring.owner(8)).isInstanceOf(RingException.class);
    }

    @Test
    void ringsCompareByEpochPartitionsMembersAndOwners() {
        Ring a = Ring.create(16, Rings.members(3, 0));
        Ring b = Ring.create(16, Rings.members(3, 0));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Ring.create(32, Rings.members(3, 0)));
        assertThat(a).isNotEqualTo(Ring.create(16, Rings.members(3, 1)));
        Ring roundTrip = a.join(Rings.member("x")).leave(new NodeId("x"));
        assertThat(roundTrip).isNotEqualTo(a); // same members, higher epoch
        assertThat(a.toString()).isEqualTo("Ring{epoch=1, partitions=16, members=3 [n000=6, n001=5, n002=5]}");
    }

    @Test
    void movesBetweenRingsOfDifferentSizesAreRejected() {
        Ring a = Ring.create(16, Rings.members(3, 0));
        assertThatThrownBy(() -> a.movedPartitions(Ring.create(32, Rings.members(3, 0))))
                .isInstanceOf(RingException.class).hasMessageContaining("16 and 32");
        assertThat(a.movedPartitions(a)).isZero();
    }

    @Test
    void zonedRingsInterleaveZonesAroundTheRing() {
        List<Member> members = new ArrayList<>();
        for (String zone : List.of("east", "west", "north")) {
            for (int i = 0; i < 2; i++) {
                members.add(Rings.member(zone + i, zone));
            }
        }
        Ring ring = Ring.create(64, members);
        for (int p = 0; p < 63; p++) {
            assertThat(ring.member(ring.owner(p)).orElseThrow().zone())
                    .isNotEqualTo(ring.member(ring.owner(p + 1)).orElseThrow().zone());
        }
    }
}
