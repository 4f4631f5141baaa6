package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.cache.CacheException;
import javax.cache.expiry.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoredValueTest {
    @Test
    void envelopeKeepsExpiryAndPayload() {
        StoredValue v = new StoredValue(1234L, new byte[] {1, 2, 3});
        StoredValue back = StoredValue.decode(v.encode());
        assertThat(back.expiresAt()).isEqualTo(1234L);
        assertThat(back.payload()).containsExactly(1, 2, 3);
        assertThat(back.isExpiredAt(1233L)).isFalse();
        assertThat(back.isExpiredAt(1234L)).isTrue();
    }

    @Test
    void bytesNotWrittenByJCacheAreRefusedClearly() {
        assertThatThrownBy(() -> StoredValue.decode("book".getBytes())).isInstanceOf(CacheException.class)
                .hasMessageContaining("not in the JCache format");
    }

    @Test
    void zeroDurationExpiresAtOnceAndEternalNever() {
        assertThat(ExpiryDeadlines.deadline(Duration.ZERO, 1000L)).isEqualTo(1000L);
        assertThat(ExpiryDeadlines.deadline(Duration.ETERNAL, 1000L)).isEqualTo(StoredValue.ETERNAL);
        assertThat(ExpiryDeadlines.deadline(new Duration(TimeUnit.SECONDS, 2), 1000L)).isEqualTo(3000L);
        assertThat(ExpiryDeadlines.deadline(new Duration(TimeUnit.DAYS, Long.MAX_VALUE / 2), 1000L)).isEqualTo(StoredValue.ETERNAL);
    }

    @Test
    void javaSerializationStoresByValue() {
        JavaSerializationCodec<java.util.ArrayList<String>> codec = new JavaSerializationCodec<>(getClass().getClassLoader());
        java.util.ArrayList<String> cart = new java.util.ArrayList<>(java.util.List.of("book"));
        byte[] bytes = codec.encode(cart);
        cart.add("pen");
        assertThat(codec.decode(bytes)).containsExactly("book");
        assertThatThrownBy(() -> new JavaSerializationCodec<Object>(getClass().getClassLoader()).encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Serializable");
    }
}
