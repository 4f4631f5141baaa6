package io.dynamo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.fuzz.Fuzzing;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.ring.Ring;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every decoder a peer's bytes reach, fuzzed from the committed corpus (see {@link Fuzzing} for
 * the budget): each input decodes or is refused as malformed, never another exception, never an
 * allocation out of proportion to its size.
 */
class DecoderFuzzTest {
    @TestFactory
    Stream<DynamicTest> everyMessageFamilyDecodesOrRefusesAsMalformed() {
        return NodeProtocol.CODEC.families().stream().map(MessageFamily::name).map(family -> DynamicTest.dynamicTest(family, () -> {
            long runs = Fuzzing.run(family, Fuzzing.corpus(family), DecoderFuzzTest::decodeTyped, MalformedMessageException.class);
            assertThat(runs).isPositive();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyNestedEncodingDecodesOrRefusesAsIllegal() {
        return Stream.of(
                encoding("dvvset", DvvSet::decode),
                encoding("version-vector", VersionVector::decode),
                encoding("ring", Ring::decode),
                encoding("membership-view", bytes -> MembershipView.decode(bytes)));
    }

    private static DynamicTest encoding(String family, Fuzzing.Target decoder) {
        // Their decoders document IllegalArgumentException (RingException, MalformedMessageException among them).
        return DynamicTest.dynamicTest(family, () -> assertThat(
                Fuzzing.run(family, Fuzzing.corpus(family), decoder, IllegalArgumentException.class)).isPositive());
    }

    /** An input is a type (2 bytes) and a body, as {@link FuzzSamples#typed} writes it. */
    private static void decodeTyped(byte[] input) {
        if (input.length < 2) {
            throw new MalformedMessageException("no type");
        }
        byte[] body = java.util.Arrays.copyOfRange(input, 2, input.length);
        NodeProtocol.CODEC.decode(((input[0] & 0xFF) << 8) | (input[1] & 0xFF), body);
    }
}
