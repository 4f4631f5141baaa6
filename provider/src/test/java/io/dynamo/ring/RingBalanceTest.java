package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Paper §6.2, strategy 3: every node owns Q/S partitions (within one), and changes move the minimum. */
class RingBalanceTest {
    record Setup(int partitions, int size, int zones) {}

    @Provide
    Arbitrary<Setup> setups() {
        return Rings.partitionCounts(10).flatMap(q -> Combinators.combine(
                        Arbitraries.integers().between(1, Math.min(q, 64)), Arbitraries.integers().between(0, 4))
                .as((s, z) -> new Setup(q, s, z)));
    }

    @Property(tries = 800, seed = "4207")
    void createIsBalancedAndDeterministic(@ForAll("setups") Setup setup) {
        List<Member> members = Rings.members(setup.size(), setup.zones());
        Ring ring = Ring.create(setup.partitions(), members);

        assertBalanced(ring);
        assertThat(ring.epoch()).isEqualTo(1);
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(setup.size()));
        assertThat(Ring.create(setup.partitions(), shuffled)).isEqualTo(ring);
    }

    @Property(tries = 800, seed = "4207")
    void createPutsConsecutivePartitionsOnDifferentNodes(@ForAll("setups") Setup setup) {
        Ring ring = Ring.create(setup.partitions(), Rings.members(setup.size(), setup.zones()));
        if (setup.size() < 2) {
            return;
        }
        for (int p = 0; p + 1 < setup.partitions(); p++) {
            assertThat(ring.owner(p)).as("owners of %d and %d", p, p + 1).isNotEqualTo(ring.owner(p + 1));
            if (setup.zones() > 1 && setup.size() % setup.zones() == 0) { // equal zones interleave perfectly
                assertThat(zone(ring, p)).isNotEqualTo(zone(ring, p + 1));
            }
        }
    }

    @Property(tries = 400, seed = "4207")
    void joinsMoveTheFewestPartitionsAllToTheNewcomerAndStayBalanced(
            @ForAll("setups") Setup setup, @ForAll @IntRange(min = 1, max = 12) int joins) {
        Ring ring = Ring.create(setup.partitions(), Rings.members(setup.size(), setup.zones()));
        for (int i = 0; i < joins && ring.members().size() < setup.partitions(); i++) {
            int q = ring.partitionCount();
            int s = ring.members().size();
            Member newcomer = Rings.newcomer(i, setup.zones());

            Ring next = ring.join(newcomer);

            assertThat(next.epoch()).isEqualTo(ring.epoch() + 1);
            assertThat(next.members()).hasSize(s + 1).contains(newcomer);
            List<PartitionMove> moves = ring.movesTo(next);
            assertThat(moves.size()).isLessThanOrEqualTo(ceilDiv(q, s + 1) + 1)
                    .isEqualTo(q / (s + 1)) // the least the newcomer can own in a balanced ring
                    .isEqualTo(ring.movedPartitions(next));
            assertThat(moves).allSatisfy(m -> assertThat(m.to()).isEqualTo(newcomer.id()));
            assertThat(next.partitionsOwnedBy(newcomer.id())).hasSize(moves.size());
            assertBalanced(next);
            assertThat(ring.join(newcomer)).as("deterministic").isEqualTo(next);
            ring = next;
        }
    }

    @Property(tries = 400, seed = "4207")
    void leavesMoveOnlyTheLeaversPartitionsAndStayBalanced(
            @ForAll("setups") Setup setup, @ForAll long seed) {
        Ring ring = Ring.create(setup.partitions(), Rings.members(setup.size(), setup.zones()));
        Random random = new Random(seed);
        while (ring.members().size() > 1) {
            NodeId leaver = ring.members().get(random.nextInt(ring.members().size())).id();
            List<Integer> owned = ring.partitionsOwnedBy(leaver);

            Ring next = ring.leave(leaver);

            assertThat(next.epoch()).isEqualTo(ring.epoch() + 1);
            assertThat(next.member(leaver)).isEmpty();
            List<PartitionMove> moves = ring.movesTo(next);
            assertThat(moves).extracting(PartitionMove::partition).containsExactlyElementsOf(owned);
            assertThat(moves).allSatisfy(m -> assertThat(m.from()).isEqualTo(leaver));
            assertBalanced(next);
            assertThat(ring.leave(leaver)).as("deterministic").isEqualTo(next);
            ring = next;
        }
    }

    @Property(tries = 300, seed = "4207")
    void anyHistoryOfJoinsAndLeavesStaysBalanced(@ForAll("histories") Rings.Scenario scenario) {
        assertBalanced(scenario.build());
    }

    @Provide
    Arbitrary<Rings.Scenario> histories() {
        return Rings.scenarios(10, 64, 20);
    }

    @Property(tries = 200, seed = "4207")
    void aJoinFollowedByItsLeaveRestoresTheBalanceWithSameMoves(@ForAll("setups") Setup setup) {
        Ring ring = Ring.create(setup.partitions(), Rings.members(setup.size(), setup.zones()));
        if (setup.size() == setup.partitions()) {
            return;
        }
        Member newcomer = Rings.newcomer(0, setup.zones());
        Ring joined = ring.join(newcomer);
        Ring left = joined.leave(newcomer.id());

        assertBalanced(left);
        assertThat(left.epoch()).isEqualTo(3);
        assertThat(joined.movedPartitions(left)).isEqualTo(ring.movedPartitions(joined));
    }

    @Property(tries = 300, seed = "4207")
    void aNewcomersPartitionsAreSpreadAroundTheRing(@ForAll("setups") Setup setup) {
        Ring ring = Ring.create(setup.partitions(), Rings.members(setup.size(), setup.zones()));
        int take = setup.partitions() / (setup.size() + 1);
        if (take < 2) {
            return;
        }
        Member newcomer = Rings.newcomer(0, setup.zones());
        List<Integer> owned = ring.join(newcomer).partitionsOwnedBy(newcomer.id());
        int widest = owned.get(0) + setup.partitions() - owned.get(owned.size() - 1);
        for (int i = 1; i < owned.size(); i++) {
            widest = Math.max(widest, owned.get(i) - owned.get(i - 1));
        }
        // Evenly spaced would be Q/take apart; clustered would leave a gap of about Q.
        assertThat(widest).as("widest gap between %s", owned).isLessThanOrEqualTo(3 * setup.partitions() / take);
    }

    @Test
    void plansArePinnedSoEveryVersionComputesTheSameRing() {
        Ring first = Ring.create(16, List.of(Member.parse("a@h:1"), Member.parse("b@h:2"), Member.parse("c@h:3")));
        Ring joined = first.join(Member.parse("d@h:4"));
        Ring left = joined.leave(new NodeId("b"));

        assertThat(owners(first)).isEqualTo("abcabcabcabcabca");
        assertThat(owners(joined)).isEqualTo("abdabcdbcadcabcd");
        assertThat(owners(left)).isEqualTo("acdadcdacadcadcd");
    }

    private static String owners(Ring ring) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < ring.partitionCount(); p++) {
            b.append(ring.owner(p));
        }
        return b.toString();
    }

    static void assertBalanced(Ring ring) {
        Map<NodeId, Integer> counts = Rings.counts(ring);
        int min = Collections.min(counts.values());
        int max = Collections.max(counts.values());
        assertThat(max - min).as("partitions per node %s", counts).isLessThanOrEqualTo(1);
        assertThat(min).isEqualTo(ring.partitionCount() / ring.members().size());
        assertThat(ring.partitionCounts()).isEqualTo(counts);
    }

    private static String zone(Ring ring, int p) {
        return ring.member(ring.owner(p)).orElseThrow().zone();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
