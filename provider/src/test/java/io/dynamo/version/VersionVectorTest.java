package io.dynamo.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionVectorTest {
    private static final VersionVector AB = VersionVector.of(Map.of("a", 3L, "b", 1L));

    @Test
    void counterOfAnUnseenActorIsZero() {
        assertThat(AB.counter("a")).isEqualTo(3);
        assertThat(AB.counter("c")).isZero();
        assertThat(VersionVector.empty().counter("a")).isZero();
    }

    @Test
    void coversEveryDotUpToTheCounterBecauseCountersAreContiguous() {
        assertThat(AB.covers(new Dot("a", 1))).isTrue();
        assertThat(AB.covers(new Dot("a", 3))).isTrue();
        assertThat(AB.covers(new Dot("a", 4))).isFalse();
        assertThat(AB.covers(new Dot("c", 1))).isFalse();
    }

    @Test
    void seenWithRecordsAWriteOnlyWhenNoUnseenDotOfItsActorLiesBetween() {
        assertThat(AB.seenWith(new Dot("a", 4))).isEqualTo(AB.merge(VersionVector.of("a", 4)));
        assertThat(AB.seenWith(new Dot("c", 1)).covers(new Dot("c", 1))).isTrue();
        assertThat(AB.seenWith(new Dot("a", 6))).as("a:4 and a:5 were never seen").isEqualTo(AB);
        assertThat(VersionVector.empty().seenWith(new Dot("c", 2))).isEqualTo(VersionVector.empty());
    }

    @Test
    void descendsIsAPartialOrder() {
        VersionVector ac = VersionVector.of(Map.of("a", 1L, "c", 1L));
        assertThat(AB.descends(AB)).isTrue();
        assertThat(AB.descends(VersionVector.empty())).isTrue();
        assertThat(VersionVector.empty().descends(AB)).isFalse();
        assertThat(AB.descends(VersionVector.of("a", 2))).isTrue();
        assertThat(VersionVector.of("a", 2).descends(AB)).isFalse();
        assertThat(AB.descends(ac)).isFalse();
        assertThat(ac.descends(AB)).isFalse();
    }

    @Test
    void mergeIsThePointwiseMaximum() {
        VersionVector other = VersionVector.of(Map.of("a", 1L, "b", 5L, "c", 2L));
        VersionVector merged = AB.merge(other);
        assertThat(merged.entries()).containsExactly(Map.entry("a", 3L), Map.entry("b", 5L), Map.entry("c", 2L));
        assertThat(other.merge(AB)).isEqualTo(merged);
        assertThat(merged.descends(AB)).isTrue();
        assertThat(merged.descends(other)).isTrue();
        assertThat(AB.merge(VersionVector.empty())).isSameAs(AB);
    }

    @Test
    void zeroCountersAreLeftOutSoEqualKnowledgeIsEqualVectors() {
        VersionVector withZero = VersionVector.of(Map.of("a", 3L, "b", 1L, "z", 0L));
        assertThat(withZero).isEqualTo(AB).hasSameHashCodeAs(AB);
        assertThat(withZero.size()).isEqualTo(2);
        assertThat(VersionVector.of("a", 0)).isSameAs(VersionVector.empty());
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> VersionVector.of("a", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> VersionVector.of("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        Map<String, Long> nullCounter = new HashMap<>();
        nullCounter.put("a", null);
        assertThatThrownBy(() -> VersionVector.of(nullCounter)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AB.counter(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AB.merge(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void entriesAreSortedAndReadOnly() {
        assertThat(AB.entries()).containsExactly(Map.entry("a", 3L), Map.entry("b", 1L));
        assertThatThrownBy(() -> AB.entries().put("c", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void encodingRoundTripsIncludingNonAsciiActors() {
        VersionVector vv = VersionVector.of(Map.of("node-1:7000", 300L, "nœud-é", Long.MAX_VALUE, "z", 1L));
        assertThat(VersionVector.decode(vv.encode())).isEqualTo(vv);
        assertThat(VersionVector.decode(AB.encode())).isEqualTo(AB);
    }

    @Test
    void theEmptyVectorIsTheEmptyContext() {
        assertThat(VersionVector.empty().encode()).isEmpty();
        assertThat(VersionVector.decode(new byte[0])).isSameAs(VersionVector.empty());
    }

    @Test
    void encodingIsCompact() {
        // version, count, (len, 'a', counter) x 2
        assertThat(AB.encode()).containsExactly(1, 2, 1, 'a', 3, 1, 'b', 1);
    }

    @Test
    void decodeRejectsMalformedBytes() {
        byte[] good = AB.encode();
        for (int len = 1; len < good.length; len++) {
            byte[] prefix = java.util.Arrays.copyOf(good, len);
            assertThatThrownBy(() -> VersionVector.decode(prefix)).as("prefix of %d bytes", len)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertMalformed(new byte[] {2, 1, 1, 'a', 1}, "format version");
        assertMalformed(new byte[] {1, 1, 1, 'a', 1, 0}, "trailing");
        assertMalformed(new byte[] {1, 2, 1, 'b', 1, 1, 'a', 1}, "order");
        assertMalformed(new byte[] {1, 2, 1, 'a', 1, 1, 'a', 1}, "order");
        assertMalformed(new byte[] {1, 1, 1, 'a', 0}, ">= 1");
        assertMalformed(new byte[] {1, 1, 0, 1, 0}, "empty actor");
        assertMalformed(new byte[] {1, 0}, "no bytes");
        assertMalformed(new byte[] {1, 1, 1, 'a', (byte) 0x81, 0}, "non-minimal");
        assertMalformed(new byte[] {1, 1, 2, (byte) 0xC3, 0x28, 1}, "UTF-8");
        // A length prefix of 2^31 - 1 must be refused before any allocation.
        assertMalformed(new byte[] {1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'a', 1}, "exceeds");
        assertMalformed(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 'a', 1}, "cannot fit");
        byte[] tooLong = new byte[14];
        tooLong[0] = 1;
        tooLong[1] = 1;
        tooLong[2] = 1;
        tooLong[3] = 'a';
        java.util.Arrays.fill(tooLong, 4, 14, (byte) 0xFF);
        assertMalformed(tooLong, "63 bits");
    }

    private static void assertMalformed(byte[] bytes, String why) {
        assertThatThrownBy(() -> VersionVector.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
