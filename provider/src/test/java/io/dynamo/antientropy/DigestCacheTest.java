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

    @Test
    void aWriteReusesTheDigestItsOldStateWasAddedWithAndRemembersTheNewOnes() {
        DigestCache cache = new DigestCache(4);
        byte[] key = bytes("cart");
        byte[] first = cache.added(key, bytes("state-1"));

        DigestCache.Replaced second = cache.replaced(key, bytes("state-1"), bytes("state-2"));
        assertThat(second.before()).isSameAs(first);
        assertThat(second.after()).isEqualTo(KeyDigests.digest(key, bytes("state-2")));

        DigestCache.Replaced third = cache.replaced(key, bytes("state-2"), bytes("state-3"));
        assertThat(third.before()).isSameAs(second.after());
        DigestCache.Replaced unknown = cache.replaced(key, bytes("state-9"), bytes("state-4"));
        assertThat(unknown.before()).as("not the state last added: computed").isEqualTo(KeyDigests.digest(key, bytes("state-9")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
