package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaSerializationCodecTest {
    private final JavaSerializationCodec<Object> codec = new JavaSerializationCodec<>(getClass().getClassLoader());

    record Cart(List<String> items) implements Serializable {}

    @Test
    void commonTypesRoundTripInTheirCompactForm() {
        for (Object value : List.of("", "käse", Long.MIN_VALUE, 42L, Integer.MAX_VALUE, -1)) {
            byte[] bytes = codec.encode(value);
            assertThat(CompactForms.isCompact(bytes)).as("%s", value).isTrue();
            assertThat(codec.decode(bytes)).isEqualTo(value).isInstanceOf(value.getClass());
        }
        assertThat(codec.encode("abc")).hasSize(4);
    }

    @Test
    void byteArraysAreCopiedBothWays() {
        byte[] original = {1, 2, 3};
        byte[] stored = codec.encode(original);
        original[0] = 9;
        byte[] first = (byte[]) codec.decode(stored);
        assertThat(first).containsExactly(1, 2, 3);
        first[1] = 9;
        assertThat((byte[]) codec.decode(stored)).containsExactly(1, 2, 3);
    }

    @Test
    void otherTypesUseJavaSerializationAndAreNotMistakenForCompact() {
        byte[] bytes = codec.encode(new Cart(List.of("book")));
        assertThat(bytes[0] & 0xFF).isEqualTo(0xAC);
        assertThat(CompactForms.isCompact(bytes)).isFalse();
        assertThat(codec.decode(bytes)).isEqualTo(new Cart(List.of("book")));
    }

    @Test
    void equalKeysEncodeToEqualBytes() {
        assertThat(codec.encode("key-7")).isEqualTo(codec.encode(new String("key-7")));
        assertThat(codec.encode(7L)).isEqualTo(codec.encode(Long.valueOf(7)));
        assertThat(codec.encode(7L)).isNotEqualTo(codec.encode(7));
    }

    @Test
    void corruptCompactBytesGiveAClearError() {
        assertThatThrownBy(() -> codec.decode(new byte[] {3, 0, 0})).hasMessageContaining("corrupt compact value");
    }
}
