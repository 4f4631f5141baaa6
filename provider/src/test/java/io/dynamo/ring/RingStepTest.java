package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Ring#withOwner}: one step of a planned change. */
class RingStepTest {
    private final List<Member> three = List.of(Rings.member("a"), Rings.member("b"), Rings.member("c"));
    private final Member d = Rings.member("d");

    @Test
    void aStepChangesOneOwnerAndRaisesTheEpoch() {
        Ring ring = Ring.create(16, three);
        List<Member> during = new ArrayList<>(three);
        during.add(d);
        Ring step = ring.withOwner(5, d.id(), during);
        assertThat(step.epoch()).isEqualTo(ring.epoch() + 1);
        assertThat(step.owner(5)).isEqualTo(d.id());
        assertThat(ring.movesTo(step)).containsExactly(new PartitionMove(5, ring.owner(5), d.id()));
        assertThat(step.members()).contains(d);
        assertThat(Ring.decode(step.encode())).isEqualTo(step);
    }

    @Test
    void aMemberMayOwnNothingWhileAChangeIsUnderWay() {
        Ring ring = Ring.create(16, three);
        List<Member> during = new ArrayList<>(three);
        during.add(d);
        Ring step = ring.withOwner(0, ring.owner(0), during);
        assertThat(step.partitionsOwnedBy(d.id())).isEmpty();
        assertThat(step.preferenceList(3, 3).primaries()).doesNotContain(d);
    }

    @Test
    void theNewOwnerMustBeAMember() {
        Ring ring = Ring.create(16, three);
        assertThatThrownBy(() -> ring.withOwner(1, d.id(), three)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.withOwner(16, ring.owner(0), three)).isInstanceOf(RingException.class);
    }
}
