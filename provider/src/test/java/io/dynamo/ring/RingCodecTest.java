package io.dynamo.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The ring's binary form survives a round trip, and bytes from a bad peer are refused clearly. */
class RingCodecTest {
    @Provide
    Arbitrary<Rings.Scenario> rings() {
        return Rings.scenarios(10, 40, 8);
    }

    @Property(tries = 300, seed = "4207")
    void encodeDecodeRoundTrips(@ForAll("rings") Rings.Scenario scenario) {
        Ring ring = scenario.build();
        byte[] bytes = ring.encode();

        Ring decoded = Ring.decode(bytes);

        assertThat(decoded).isEqualTo(ring).hasSameHashCodeAs(ring);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.members()).isEqualTo(ring.members());
        int n = Math.min(3, ring.members().size());
        assertThat(decoded.preferenceList(0, n)).isEqualTo(ring.preferenceList(0, n));
    }

    @Property(tries = 150, seed = "4207")
    void everyTruncationIsRejected(@ForAll("rings") Rings.Scenario scenario) {
        byte[] bytes = scenario.build().encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> Ring.decode(cut)).as("%d of %d bytes", length, bytes.length)
                    .isInstanceOf(RingException.class);
        }
    }

    @Property(tries = 300, seed = "4207")
    void aCorruptedByteIsRejectedOrDecodesToAValidRing(
            @ForAll("rings") Rings.Scenario scenario, @ForAll long seed) {
        byte[] bytes = scenario.build().encode();
        java.util.Random random = new java.util.Random(seed);
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255)));
        try {
            Ring ring = Ring.decode(bytes);
            // Some flips stay valid (an epoch, an owner index): the result must still be a sane ring.
            assertThat(Ring.decode(ring.encode())).isEqualTo(ring);
            assertThat(ring.members()).isNotEmpty();
        } catch (RingException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void theWireFormatIsPinned() {
        Ring ring = Ring.create(8, List.of(Member.parse("a@h1:1"), Member.parse("b@h2:2/z")));
        String hex = "01" + "00000008" + "0000000000000001" + "00000002"
                + "000161" + "00026831" + "0001" + "0000" // a@h1:1, no zone
                + "000162" + "00026832" + "0002" + "00017a" // b@h2:2/z
                + "0001000100010001"; // owners a b a b ... as one byte each
        assertThat(java.util.HexFormat.of().formatHex(ring.encode())).isEqualTo(hex);
        assertThat(Ring.decode(java.util.HexFormat.of().parseHex(hex))).isEqualTo(ring);
    }

    @Test
    void anUnknownFormatVersionIsRejected() {
        byte[] bytes = smallRing().encode();
        bytes[0] = 9;
        assertThatThrownBy(() -> Ring.decode(bytes)).isInstanceOf(RingException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = Arrays.copyOf(smallRing().encode(), smallRing().encode().length + 1);
        assertThatThrownBy(() -> Ring.decode(bytes)).isInstanceOf(RingException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void aBadHeaderIsRejected() {
        assertThatThrownBy(() -> Ring.decode(header(1, 12, 1, 1))).isInstanceOf(RingException.class)
                .hasMessageContaining("Q=12");
        assertThatThrownBy(() -> Ring.decode(header(1, 8, 0, 1))).isInstanceOf(RingException.class)
                .hasMessageContaining("epoch 0");
        assertThatThrownBy(() -> Ring.decode(header(1, 8, 1, 0))).isInstanceOf(RingException.class)
                .hasMessageContaining("member count 0");
        assertThatThrownBy(() -> Ring.decode(header(1, 8, 1, 9))).isInstanceOf(RingException.class)
                .hasMessageContaining("member count 9");
        assertThatThrownBy(() -> Ring.decode(new byte[0])).isInstanceOf(RingException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Ring.decode(null)).isInstanceOf(RingException.class);
    }

    @Test
    void anOwnerIndexBeyondTheMembersIsRejected() {
        byte[] bytes = smallRing().encode();
        bytes[bytes.length - 1] = 3; // three members: indices 0..2
        assertThatThrownBy(() -> Ring.decode(bytes)).isInstanceOf(RingException.class)
                .hasMessageContaining("member #3 of 3");
    }

    @Test
    void aBadMemberInsideIsRejectedWithItsReason() {
        Ring ring = Ring.create(4, List.of(new Member(new NodeId("a"), "h", 1), new Member(new NodeId("b"), "h", 2)));
        byte[] bytes = ring.encode();
        int portOfB = bytes.length - 4 - 2 - 2; // ... port u16, zone "" (u16 length 0), 4 one-byte owners
        bytes[portOfB] = 0;
        bytes[portOfB + 1] = 1; // port 1 clashes with a's address
        assertThatThrownBy(() -> Ring.decode(bytes)).isInstanceOf(RingException.class)
                .hasMessageContaining("duplicate address h:1");
    }

    @Test
    void largeMembershipsUseTwoByteOwners() {
        Ring ring = Ring.create(512, Rings.members(300, 3));
        assertThat(Ring.decode(ring.encode())).isEqualTo(ring);
    }

    private static Ring smallRing() {
        return Ring.create(8, Rings.members(3, 0));
    }

    private static byte[] header(int version, int partitions, long epoch, int members) {
        return ByteBuffer.allocate(17).put((byte) version).putInt(partitions).putLong(epoch).putInt(members).array();
    }
}
