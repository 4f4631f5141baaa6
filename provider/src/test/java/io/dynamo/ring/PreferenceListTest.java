package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Paper §4.3: N distinct nodes clockwise from the key, spread over zones, the rest as fallbacks. */
class PreferenceListTest {
    @Provide
    Arbitrary<Rings.Scenario> rings() {
        return Rings.scenarios(8, 24, 6);
    }

    @Property(tries = 250, seed = "4207")
    void everyPartitionAndEveryNGetsNDistinctPrimariesAndAllOthersAsFallbacks(
            @ForAll("rings") Rings.Scenario scenario) {
        Ring ring = scenario.build();
        int s = ring.members().size();
        int zones = (int) ring.members().stream().map(Member::zone).distinct().count();
        boolean zoned = ring.members().stream().anyMatch(Member::hasZone);
        for (int p = 0; p < ring.partitionCount(); p++) {
            List<NodeId> walk = Rings.walk(ring, p);
            for (int n = 1; n <= s; n++) {
                PreferenceList list = ring.preferenceList(p, n);

                assertThat(list.partition()).isEqualTo(p);
                assertThat(list.primaries()).hasSize(n).doesNotHaveDuplicates();
                assertThat(list.primaries().get(0).id()).as("coordinator").isEqualTo(ring.owner(p));
                assertThat(list.fallbacks()).doesNotContainAnyElementsOf(list.primaries());
                List<Member> all = new ArrayList<>(list.primaries());
                all.addAll(list.fallbacks());
                assertThat(all).containsExactlyInAnyOrderElementsOf(ring.members());
                // Fallbacks in the order met walking clockwise.
                assertThat(ids(list.fallbacks())).isEqualTo(walk.stream()
                        .filter(id -> !list.isPrimary(id)).collect(Collectors.toList()));
                assertThat(list.primaries()).allSatisfy(m -> assertThat(list.isPrimary(m.id())).isTrue());
                if (zoned) {
                    assertThat(list.primaries().stream().map(Member::zone).distinct().count())
                            .as("zones spanned by %s", list).isEqualTo((long) Math.min(n, zones));
                } else {
                    assertThat(ids(list.primaries())).isEqualTo(walk.subList(0, n));
                }
                assertThat(ring.preferenceList(p, n)).as("cached").isSameAs(list);
            }
        }
    }

    @Property(tries = 600, seed = "4207")
    void targetsSkipDownNodesAndHintFallbacksForThePrimaryTheyReplace(
            @ForAll("rings") Rings.Scenario scenario, @ForAll long seed) {
        Ring ring = scenario.build();
        java.util.Random random = new java.util.Random(seed);
        int s = ring.members().size();
        int n = 1 + random.nextInt(s);
        int p = random.nextInt(ring.partitionCount());
        double downRate = random.nextDouble();
        Set<NodeId> down = ring.members().stream().map(Member::id)
                .filter(id -> random.nextDouble() < downRate).collect(Collectors.toSet());
        PreferenceList list = ring.preferenceList(p, n);

        List<Replica> targets = list.targets(id -> !down.contains(id));

        assertThat(targets).hasSize(Math.min(n, s - down.size()));
        assertThat(targets).extracting(Replica::member).doesNotHaveDuplicates()
                .noneMatch(m -> down.contains(m.id()));
        List<Member> upPrimaries = list.primaries().stream().filter(m -> !down.contains(m.id())).toList();
        List<Member> downPrimaries = list.primaries().stream().filter(m -> down.contains(m.id())).toList();
        List<Member> upFallbacks = list.fallbacks().stream().filter(m -> !down.contains(m.id())).toList();
        assertThat(targets.stream().filter(Replica::isPrimary).map(Replica::member).toList())
                .isEqualTo(upPrimaries);
        List<Replica> hinted = targets.stream().filter(r -> !r.isPrimary()).toList();
        // The k-th down primary is replaced by the k-th healthy fallback, in order.
        assertThat(hinted).extracting(Replica::member).isEqualTo(upFallbacks.subList(0, hinted.size()));
        assertThat(hinted).extracting(r -> r.hintedFor().orElseThrow())
                .isEqualTo(downPrimaries.subList(0, hinted.size()));
        // Each target sits where the primary it serves sits.
        int t = 0;
        for (Member primary : list.primaries()) {
            if (t < targets.size()) {
                Replica r = targets.get(t);
                if (r.member().equals(primary) || r.hintedFor().equals(Optional.of(primary))) {
                    t++;
                }
            }
        }
        assertThat(t).isEqualTo(targets.size());
    }

    @Test
    void threeNodesInThreeZonesEachPreferenceListSpansAllZones() {
        List<Member> members = List.of(Rings.member("a1", "east"), Rings.member("a2", "east"),
                Rings.member("b1", "west"), Rings.member("b2", "west"), Rings.member("c1", "north"),
                Rings.member("c2", "north"));
        Ring ring = Ring.create(16, members).join(Rings.member("c3", "north"));
        for (int p = 0; p < 16; p++) {
            assertThat(ring.preferenceList(p, 3).primaries()).extracting(Member::zone)
                    .containsExactlyInAnyOrder("east", "west", "north");
        }
    }

    @Test
    void allUpTargetsAreThePrimariesInOrder() {
        Ring ring = Ring.create(8, Rings.members(5, 0));
        PreferenceList list = ring.preferenceList(3, 3);
        assertThat(list.targets(id -> true)).extracting(Replica::member).isEqualTo(list.primaries());
        assertThat(list.targets(id -> true)).allMatch(Replica::isPrimary);
    }

    @Test
    void aDownCoordinatorIsReplacedByTheFirstFallbackWithAHint() {
        Ring ring = Ring.create(8, Rings.members(5, 0));
        PreferenceList list = ring.preferenceList(0, 3);
        Member owner = list.primaries().get(0);
        Member firstFallback = list.fallbacks().get(0);

        List<Replica> targets = list.targets(id -> !id.equals(owner.id()));

        assertThat(targets).containsExactly(new Replica(firstFallback, Optional.of(owner)),
                new Replica(list.primaries().get(1), Optional.empty()),
                new Replica(list.primaries().get(2), Optional.empty()));
    }

    @Test
    void everythingDownGivesNoTargets() {
        Ring ring = Ring.create(8, Rings.members(4, 0));
        assertThat(ring.preferenceList(5, 2).targets(id -> false)).isEmpty();
    }

    @Test
    void nOutsideOneToMemberCountIsRejected() {
        Ring ring = Ring.create(8, Rings.members(3, 0));
        assertThatThrownBy(() -> ring.preferenceList(0, 4)).isInstanceOf(RingException.class)
                .hasMessageContaining("N=4").hasMessageContaining("3 members");
        assertThatThrownBy(() -> ring.preferenceList(0, 0)).isInstanceOf(RingException.class)
                .hasMessageContaining("N=0");
        assertThatThrownBy(() -> ring.preferenceList(8, 1)).isInstanceOf(RingException.class)
                .hasMessageContaining("partition 8");
        assertThatThrownBy(() -> ring.preferenceList(-1, 1)).isInstanceOf(RingException.class);
    }

    @Test
    void handMadeListsCheckTheirMembersAndCompareByValue() {
        Member a = Rings.member("a");
        Member b = Rings.member("b");
        Member c = Rings.member("c");
        PreferenceList list = PreferenceList.of(7, List.of(a, b), List.of(c));

        assertThat(list).isEqualTo(PreferenceList.of(7, List.of(a, b), List.of(c)))
                .hasSameHashCodeAs(PreferenceList.of(7, List.of(a, b), List.of(c)))
                .isNotEqualTo(PreferenceList.of(7, List.of(b, a), List.of(c)));
        assertThat(list.toString()).contains("partition=7", "primaries=[a, b]", "fallbacks=[c]");
        assertThat(list.isPrimary(c.id())).isFalse();
        assertThatThrownBy(() -> PreferenceList.of(0, List.of(a), List.of(a))).isInstanceOf(RingException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PreferenceList.of(0, List.of(), List.of(a))).isInstanceOf(RingException.class)
                .hasMessageContaining("at least one primary");
    }

    @Test
    void aReplicaCannotBeHintedForItself() {
        Member a = Rings.member("a");
        assertThatThrownBy(() -> new Replica(a, Optional.of(a))).isInstanceOf(RingException.class);
        assertThat(new Replica(a, Optional.of(Rings.member("b"))).toString()).isEqualTo("a(for b)");
    }

    @Test
    void preferenceListsAreSharedSafelyAcrossThreads() throws Exception {
        Ring ring = Ring.create(1024, Rings.members(16, 4));
        Set<PreferenceList> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int p = 0; p < 1024; p++) {
                    seen.add(ring.preferenceList(p, 3));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(new HashSet<>(seen)).hasSize(1024); // equal by value however many threads computed them
    }

    private static List<NodeId> ids(List<Member> members) {
        return members.stream().map(Member::id).toList();
    }
}
