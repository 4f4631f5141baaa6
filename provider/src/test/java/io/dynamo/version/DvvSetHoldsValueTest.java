package io.dynamo.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link DvvSet#holdsValue} reads the encoding without decoding: it must agree with a full decode. */
class DvvSetHoldsValueTest {
    @Test
    void agreesWithAFullDecodeOverRandomHistories() {
        SplittableRandom random = new SplittableRandom(20261125);
        String[] actors = {"a", "b", "node-ü"};
        int withValue = 0;
        int tombstonesOnly = 0;
        for (int history = 0; history < 2_000; history++) {
            List<DvvSet> replicas = new ArrayList<>(List.of(DvvSet.empty(), DvvSet.empty(), DvvSet.empty()));
            for (int step = 0; step < 1 + random.nextInt(8); step++) {
                int r = random.nextInt(3);
                DvvSet s = replicas.get(r);
                VersionVector ctx = random.nextBoolean() ? s.context() : VersionVector.empty();
                DvvSet next = switch (random.nextInt(3)) {
                    case 0 -> s.put(ctx, actors[r], step, new byte[random.nextInt(40)]);
                    case 1 -> s.delete(ctx, actors[r], step);
                    default -> s.sync(replicas.get(random.nextInt(3)));
                };
                replicas.set(r, next);
            }
            for (DvvSet s : replicas) {
                if (s.isEmpty()) {
                    continue;
                }
                boolean expected = !s.values().isEmpty();
                assertThat(DvvSet.holdsValue(s.encode())).as("%s", s).isEqualTo(expected);
                if (expected) {
                    withValue++;
                } else {
                    tombstonesOnly++;
                }
            }
        }
        assertThat(withValue).isPositive();
        assertThat(tombstonesOnly).isPositive();
    }

    @Test
    void truncatedBytesAreRejected() {
        byte[] bytes = DvvSet.empty().delete(VersionVector.empty(), "a", 1).encode();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        assertThatThrownBy(() -> DvvSet.holdsValue(cut)).isInstanceOf(IllegalArgumentException.class);
    }
}
