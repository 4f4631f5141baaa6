package io.dynamo.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SiblingTest {
    private static final Dot DOT = new Dot("a", 1);

    @Test
    void equalityComparesValueContents() {
        Sibling x = Sibling.of(DOT, 5, new byte[] {1, 2});
        Sibling y = new Sibling(new Dot("a", 1), 5, false, new byte[] {1, 2});
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x).isNotEqualTo(Sibling.of(DOT, 5, new byte[] {1, 3}));
        assertThat(x).isNotEqualTo(Sibling.of(DOT, 6, new byte[] {1, 2}));
        assertThat(Sibling.tombstone(DOT, 5)).isNotEqualTo(Sibling.of(DOT, 5, new byte[0]));
    }

    @Test
    void valueCannotBeChangedFromOutside() {
        byte[] value = {1, 2};
        Sibling s = Sibling.of(DOT, 5, value);
        value[0] = 9;
        s.value()[1] = 9;
        assertThat(s.value()).containsExactly(1, 2);
    }

    @Test
    void toStringShowsDotTimestampAndValuePrefix() {
        assertThat(Sibling.of(DOT, 5, new byte[] {(byte) 0xAB})).hasToString("Sibling[a:1 @5 1 bytes ab]");
        assertThat(Sibling.tombstone(DOT, 5)).hasToString("Sibling[a:1 @5 tombstone]");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Sibling(DOT, 1, true, new byte[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tombstone");
        assertThatThrownBy(() -> Sibling.of(DOT, -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sibling.of(null, 1, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Sibling.of(DOT, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Dot("a", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new Dot("", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Dot(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
