package io.dynamo.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transport's decoders fuzzed from the committed corpus (see {@link Fuzzing} for the budget).
 * The frame decoder documents a {@link DecoderException} (a too long or corrupted frame) for bad
 * input, after which the connection is closed; the handshake decoder refuses with an empty result.
 */
class TransportFuzzTest {
    private static final int LIMIT = 64 * 1024;

    @Test
    void theFrameDecoderCutsAnyStreamIntoFramesOrRefusesIt() {
        long runs = Fuzzing.run("frames", Fuzzing.corpus("frames"), TransportFuzzTest::decodeFrames, DecoderException.class);
        assertThat(runs).isPositive();
    }

    @Test
    void theHandshakeDecoderAcceptsOrRefusesAnyPayload() {
        long runs = Fuzzing.run("handshake", Fuzzing.corpus("handshake"), payload -> Handshake.decode(payload)
                .ifPresent(h -> h.refusal("demo1")));
        assertThat(runs).isPositive();
    }

    /**
     * The stream arrives in two reads cut at a point that depends on it, as a socket may deliver
     * it; each read is decoded as {@code ByteToMessageDecoder} does, until a call makes no progress.
     */
    private static void decodeFrames(byte[] stream) {
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        int cut = stream.length == 0 ? 0 : (stream[stream.length - 1] & 0xFF) % (stream.length + 1);
        ByteBuf in = Unpooled.buffer(stream.length);
        List<Object> out = new ArrayList<>();
        for (byte[] read : List.of(Arrays.copyOfRange(stream, 0, cut), Arrays.copyOfRange(stream, cut, stream.length))) {
            in.writeBytes(read);
            int before;
            do {
                before = in.readableBytes() + out.size();
                decoder.decode(null, in, out);
            } while (in.isReadable() && in.readableBytes() + out.size() != before);
        }
        for (Object frame : out) {
            if (((Frame) frame).type() == WireFormat.HANDSHAKE) {
                Handshake.decode(((Frame) frame).payload());
            }
        }
    }
}
