package io.dynamo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageFamilyTest {
    private static final MessageFamily ONE = MessageFamily.of("one", MessageFamily.type(Ack.TYPE + 1, Ack.class, Ack::read));

    @Test
    void twoFamiliesClaimingOneTypeNumberAreRefusedNamingBoth() {
        MessageFamily clash = MessageFamily.of("clash", MessageFamily.type(Ack.TYPE, Ack.class, Ack::read));
        assertThatThrownBy(() -> MessageCodec.of(clash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message type " + Ack.TYPE).hasMessageContaining("clash").hasMessageContaining("replies");
    }

    @Test
    void typeNumbersOfTheTransportOrBeyondTheTableAreRefused() {
        assertThatThrownBy(() -> MessageFamily.type(15, Ack.class, Ack::read)).hasMessageContaining("below 16 belong to the transport");
        assertThatThrownBy(() -> MessageFamily.type(MessageFamily.MAX_TYPE + 1, Ack.class, Ack::read)).hasMessageContaining("outside");
    }

    @Test
    void aCodecDecodesOnlyTheFamiliesItWasBuiltWithAndTheReplies() {
        MessageCodec codec = MessageCodec.of(ONE);
        assertThat(codec.decode(Ack.TYPE + 1, new byte[0])).isEqualTo(new Ack());
        assertThat(codec.decode(ErrorResult.TYPE, MessageCodec.encode(new ErrorResult(ErrorCode.TOO_LARGE, "big"))))
                .isEqualTo(new ErrorResult(ErrorCode.TOO_LARGE, "big"));
        assertThatThrownBy(() -> codec.decode(40, new byte[0])).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown message type 40");
        assertThatThrownBy(() -> codec.decode(Ack.TYPE, new byte[] {0})).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void anErrorReplyBecomesTheExceptionItNames() {
        byte[] body = MessageCodec.encode(new ErrorResult(ErrorCode.QUORUM_NOT_REACHED, "1 of 2"));
        assertThatThrownBy(() -> MessageCodec.of().decodeResponse(ErrorResult.TYPE, body)).isInstanceOf(QuorumNotReachedException.class)
                .hasMessage("1 of 2");
    }
}
