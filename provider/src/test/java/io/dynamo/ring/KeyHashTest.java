package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every JVM, client and node must place a key on the same partition (paper §4.2). */
class KeyHashTest {
    @Test
    void hashIsXxHash64WithSeedZeroPinnedToKnownValues() {
        // The first three are the reference xxHash64 test vectors; a library change that moved
        // them would move every stored key to another partition.
        assertThat(KeyHash.hash(bytes(""))).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(KeyHash.hash(bytes("a"))).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(KeyHash.hash(bytes("abc"))).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(KeyHash.hash(bytes("hello"))).isEqualTo(0x26C7827D889F6DA3L);
        assertThat(KeyHash.hash(bytes("dynamo"))).isEqualTo(0xFE5AF5E7D082B041L);
    }

    @Test
    void partitionIsTheTopBitsOfTheHashUnsigned() {
        Ring ring256 = Ring.create(256, Rings.members(4, 0));
        assertThat(ring256.partitionOf(bytes(""))).isEqualTo(0xEF);
        assertThat(ring256.partitionOf(bytes("a"))).isEqualTo(0xD2);
        assertThat(ring256.partitionOf(bytes("abc"))).isEqualTo(0x44);
        assertThat(Ring.create(65536, Rings.members(2, 0)).partitionOf(bytes(""))).isEqualTo(0xEF46);
        assertThat(Ring.create(2, Rings.members(2, 0)).partitionOf(bytes("abc"))).isEqualTo(0);
        assertThat(Ring.create(2, Rings.members(2, 0)).partitionOf(bytes("a"))).isEqualTo(1);
        assertThat(Ring.create(1, Rings.members(1, 0)).partitionOf(bytes("a"))).isEqualTo(0);
        assertThat(ring256.partitionOfHash(-1L)).isEqualTo(255);
        assertThat(ring256.partitionOfHash(0L)).isEqualTo(0);
    }

    @Test
    void keysSpreadEvenlyOverPartitions() {
        Ring ring = Ring.create(256, Rings.members(8, 0));
        int[] counts = new int[256];
        int keys = 100_000;
        for (int i = 0; i < keys; i++) {
            counts[ring.partitionOf(bytes("key-" + i))]++;
        }
        double mean = keys / 256.0;
        for (int p = 0; p < 256; p++) {
            assertThat((double) counts[p]).as("keys in partition %d", p).isBetween(mean * 0.7, mean * 1.3);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
