package io.dynamo.version;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DvvSetTest {
    private static final VersionVector NONE = VersionVector.empty();

    private static byte[] v(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<String> values(DvvSet d) {
        return d.values().stream().map(s -> new String(s.value(), UTF_8)).toList();
    }

    @Test
    void emptyHasNothing() {
        DvvSet e = DvvSet.empty();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.siblings()).isEmpty();
        assertThat(e.values()).isEmpty();
        assertThat(e.context().isEmpty()).isTrue();
        assertThat(e.lastWriteWins()).isEqualTo(e);
    }

    @Test
    void firstPutGetsTheCoordinatorsFirstDot() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x"));
        assertThat(d.isEmpty()).isFalse();
        assertThat(d.siblings()).containsExactly(Sibling.of(new Dot("a", 1), 10, v("x")));
        assertThat(d.context()).isEqualTo(VersionVector.of("a", 1));
    }

    @Test
    void putWithoutContextNeedsNoReadAndBecomesASibling() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x")).put(NONE, "a", 11, v("y"));
        assertThat(values(d)).containsExactly("x", "y");
        assertThat(d.siblingCount()).isEqualTo(2);
        assertThat(d.context()).isEqualTo(VersionVector.of("a", 2));
    }

    @Test
    void putWithAReadsContextReplacesWhatThatReadSaw() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x")).put(NONE, "a", 11, v("y"));
        DvvSet after = d.put(d.context(), "a", 12, v("xy"));
        assertThat(values(after)).containsExactly("xy");
        assertThat(after.siblings().get(0).dot()).isEqualTo(new Dot("a", 3));
    }

    @Test
    void putWithAStaleContextKeepsTheWriteItDidNotSee() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x"));
        VersionVector read = d.context();
        DvvSet concurrent = d.put(read, "a", 11, v("by client 1"));
        DvvSet after = concurrent.put(read, "a", 12, v("by client 2"));
        assertThat(values(after)).containsExactly("by client 1", "by client 2");
    }

    @Test
    void aWriteOnAnotherReplicaSyncedLaterIsKeptAsASibling() {
        // Replica b saw x and overwrote it; meanwhile a took y without a context.
        DvvSet a = DvvSet.empty().put(NONE, "a", 10, v("x"));
        DvvSet b = DvvSet.empty().sync(a);
        b = b.put(b.context(), "b", 11, v("x'"));
        a = a.put(NONE, "a", 12, v("y"));
        DvvSet ab = a.sync(b);
        assertThat(values(ab)).containsExactlyInAnyOrder("x'", "y");
        assertThat(b.sync(a)).isEqualTo(ab);
        assertThat(ab.context().entries()).containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
    }

    @Test
    void putAtOneReplicaWithTheContextOfAReadAtAnotherSupersedesOnSync() {
        DvvSet b = DvvSet.empty().put(NONE, "b", 10, v("x"));
        DvvSet a = DvvSet.empty().put(b.context(), "a", 11, v("x'")); // a has not stored x itself
        assertThat(values(a)).containsExactly("x'");
        assertThat(values(a.sync(b))).containsExactly("x'");
        assertThat(values(b.sync(a))).containsExactly("x'");
    }

    @Test
    void theNewDotIsAboveBothTheLocalClockAndTheContext() {
        DvvSet d = DvvSet.empty().put(VersionVector.of("a", 5), "a", 10, v("x"));
        assertThat(d.siblings().get(0).dot()).isEqualTo(new Dot("a", 6));
    }

    @Test
    void siblingsStayInDotOrderWhateverTheWriteOrder() {
        DvvSet d = DvvSet.empty().put(NONE, "c", 1, v("c")).put(NONE, "a", 2, v("a")).put(NONE, "b", 3, v("b"));
        assertThat(d.siblings()).extracting(s -> s.dot().actor()).containsExactly("a", "b", "c");
        DvvSet other = DvvSet.empty().put(NONE, "b", 3, v("b")).sync(DvvSet.empty().put(NONE, "a", 2, v("a")))
                .sync(DvvSet.empty().put(NONE, "c", 1, v("c")));
        assertThat(other).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(other.encode()).isEqualTo(d.encode());
    }

    @Test
    void deleteLeavesAVersionedTombstone() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x"));
        DvvSet deleted = d.delete(d.context(), "a", 11);
        assertThat(deleted.values()).isEmpty();
        assertThat(deleted.siblings()).containsExactly(Sibling.tombstone(new Dot("a", 2), 11));
        assertThat(deleted.isEmpty()).isFalse();
        // A replica that still has x learns of the delete, and x does not come back.
        assertThat(d.sync(deleted)).isEqualTo(deleted);
        assertThat(deleted.sync(d)).isEqualTo(deleted);
    }

    @Test
    void deleteConcurrentWithAPutKeepsBoth() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x"));
        DvvSet deleted = d.delete(d.context(), "a", 11);
        DvvSet updated = DvvSet.empty().sync(d).put(d.context(), "b", 12, v("y"));
        DvvSet merged = deleted.sync(updated);
        assertThat(merged.siblings()).hasSize(2);
        assertThat(values(merged)).containsExactly("y");
    }

    @Test
    void syncIsIdempotentAndReturnsTheSameObjectWhenNothingIsNew() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 10, v("x")).put(NONE, "b", 11, v("y"));
        assertThat(d.sync(d)).isSameAs(d);
        assertThat(d.sync(DvvSet.decode(d.encode()))).isSameAs(d);
        assertThat(d.sync(DvvSet.empty())).isSameAs(d);
        assertThat(DvvSet.empty().sync(d)).isSameAs(d);
    }

    @Test
    void lastWriteWinsKeepsTheNewestAndTheOthersNeverComeBack() {
        DvvSet a = DvvSet.empty().put(NONE, "a", 10, v("old"));
        DvvSet b = DvvSet.empty().put(NONE, "b", 20, v("new"));
        DvvSet lww = a.sync(b).lastWriteWins();
        assertThat(values(lww)).containsExactly("new");
        assertThat(lww.context()).isEqualTo(a.sync(b).context());
        assertThat(lww.sync(a)).isEqualTo(lww);
        assertThat(a.sync(lww)).isEqualTo(lww);
    }

    @Test
    void lastWriteWinsBreaksTimestampTiesByDot() {
        DvvSet d = DvvSet.empty().put(NONE, "b", 10, v("b")).sync(DvvSet.empty().put(NONE, "a", 10, v("a")));
        assertThat(values(d.lastWriteWins())).containsExactly("b");
    }

    @Test
    void aWriteBeatsEveryTimestampItsReplicaHeldEvenWithASlowClock() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 100, v("x"));
        DvvSet after = d.put(NONE, "a", 50, v("y"));
        assertThat(after.siblings()).extracting(Sibling::timestamp).containsExactly(100L, 101L);
        assertThat(values(after.lastWriteWins())).containsExactly("y");
    }

    @Test
    void putCopiesTheCallersValue() {
        byte[] value = v("x");
        DvvSet d = DvvSet.empty().put(NONE, "a", 1, value);
        value[0] = 'z';
        assertThat(values(d)).containsExactly("x");
    }

    @Test
    void rejectsBadInput() {
        DvvSet e = DvvSet.empty();
        assertThatThrownBy(() -> e.put(null, "a", 1, v("x"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.put(NONE, null, 1, v("x"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.put(NONE, "", 1, v("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.put(NONE, "a", -1, v("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.put(NONE, "a", 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.sync(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DvvSet.of(VersionVector.of("a", 1), List.of(Sibling.of(new Dot("a", 2), 1, v("x")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not cover");
        Sibling s = Sibling.of(new Dot("a", 1), 1, v("x"));
        assertThatThrownBy(() -> DvvSet.of(VersionVector.of("a", 1), List.of(s, s)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two siblings");
    }

    @Test
    void ofBuildsTheCanonicalState() {
        Sibling x = Sibling.of(new Dot("b", 1), 1, v("x"));
        Sibling y = Sibling.of(new Dot("a", 2), 2, v("y"));
        DvvSet d = DvvSet.of(VersionVector.of(Map.of("a", 2L, "b", 1L)), List.of(x, y));
        assertThat(d.siblings()).containsExactly(y, x);
        assertThat(DvvSet.of(NONE, List.of())).isSameAs(DvvSet.empty());
    }

    @Test
    void encodingRoundTripsAndIsCompact() {
        DvvSet d = DvvSet.empty().put(NONE, "node-1", 7L << 40, new byte[100]).put(NONE, "node-2", 8L << 40, new byte[100]);
        d = d.delete(VersionVector.of("node-1", 1), "node-3", 9L << 40);
        assertThat(d.siblingCount()).isEqualTo(2); // the delete replaced node-1's value
        byte[] bytes = d.encode();
        assertThat(DvvSet.decode(bytes)).isEqualTo(d);
        // version + table (1 + 3 * 8) + count + value (2 + 8 + 1 + 1 + 100) + tombstone (2 + 8 + 1)
        assertThat(bytes).hasSize(1 + 25 + 1 + 112 + 11);
        assertThat(DvvSet.decode(DvvSet.empty().encode())).isSameAs(DvvSet.empty());
    }

    @Test
    void decodeRejectsEveryTruncation() {
        DvvSet d = DvvSet.empty().put(NONE, "a", 1, v("xyz")).delete(NONE, "b", 2);
        byte[] good = d.encode();
        for (int len = 0; len < good.length; len++) {
            byte[] prefix = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> DvvSet.decode(prefix)).as("prefix of %d bytes", len)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> DvvSet.decode(longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void decodeRejectsInconsistentStates() {
        // clock {a:1}; one sibling
        byte[] good = {1, 1, 1, 'a', 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 1, 'x'};
        assertThat(DvvSet.decode(good).values()).hasSize(1);
        assertMalformed(patch(good, 6, 1), "outside the table");
        assertMalformed(patch(good, 7, 2), "not covered");
        assertMalformed(patch(good, 7, 0), "not covered");
        assertMalformed(patch(good, 8, 0x80), "negative timestamp");
        assertMalformed(patch(good, 16, 2), "flags");
        assertMalformed(patch(good, 16, 1), "trailing");
        assertMalformed(patch(good, 17, 0x7F), "exceeds");
        assertMalformed(patch(good, 0, 9), "format version");
        // Two siblings with the same dot.
        byte[] twice = {1, 1, 1, 'a', 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 1};
        assertMalformed(twice, "order");
        // A huge sibling count must not allocate.
        assertMalformed(new byte[] {1, 1, 1, 'a', 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0},
                "cannot fit");
    }

    private static byte[] patch(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static void assertMalformed(byte[] bytes, String why) {
        assertThatThrownBy(() -> DvvSet.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void aStoredSiblingAtTheLargestTimestampLeavesTheKeyWritable() {
        DvvSet poisoned = DvvSet.empty().put(VersionVector.empty(), "evil", Long.MAX_VALUE, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        DvvSet next = poisoned.put(VersionVector.empty(), "n1", 5, "y".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(next.siblings()).hasSize(2).allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(Long.MAX_VALUE));
        assertThat(next.put(next.context(), "n1", 6, new byte[] {1}).siblings()).hasSize(1);
    }
}
