package io.dynamo.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestCacheTest {
    @Test
    void theDigestAKeyWasAddedWithIsReusedNotComputedAgain() {
        DigestCache cache = new DigestCache(4);
        byte[] key = bytes("cart");
        byte[] state = bytes("state-1");

        byte[] added = cache.added(key, state);

        assertThat(cache.digestOf(key, state)).isSameAs(added).isEqualTo(KeyDigests.digest(key, state));
    }

    @Test
    void anotherStateOfTheKeyOrAKeyWhoseSlotWasTakenGetsItsOwnDigest() {
        DigestCache cache = new DigestCache(4);
        byte[] key = bytes("cart");
        cache.added(key, bytes("state-1"));

        assertThat(cache.digestOf(key, bytes("state-2"))).isEqualTo(KeyDigests.digest(key, bytes("state-2")));

        // 16 slots: 40 other keys take every slot, the cart's among them.
        for (int i = 0; i < 40; i++) {
            cache.added(bytes("other-" + i), bytes("x"));
        }
        assertThat(cache.digestOf(key, bytes("state-1"))).isEqualTo(KeyDigests.digest(key, bytes("state-1")));
        for (int i = 0; i < 40; i++) {
            assertThat(cache.digestOf(bytes("other-" + i), bytes("x"))).isEqualTo(KeyDigests.digest(bytes("other-" + i), bytes("x")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
