package io.dynamo.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int LIMIT = 4096;

    @Property(tries = 200, seed = "20240601")
    void framesSurviveEncodingAndAnyCuttingOfTheStream(@ForAll("frames") @Size(max = 20) List<Frame> frames,
                                                       @ForAll @IntRange(min = 1, max = 64) int chunk) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            ByteBuf buf = Unpooled.buffer();
            WireFormat.write(buf, frame.type(), frame.requestId(), frame.payload());
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            wire.writeBytes(bytes);
        }
        byte[] stream = wire.toByteArray();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));
        for (int at = 0; at < stream.length; at += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk))));
        }
        List<Frame> decoded = new ArrayList<>();
        Frame next;
        while ((next = channel.readInbound()) != null) {
            decoded.add(next);
        }
        assertThat(decoded).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(decoded.get(i).type()).isEqualTo(frames.get(i).type());
            assertThat(decoded.get(i).requestId()).isEqualTo(frames.get(i).requestId());
            assertThat(decoded.get(i).payload()).isEqualTo(frames.get(i).payload());
        }
        assertThat(channel.finish()).isFalse();
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        Arbitrary<Frame> frame = Combinators.combine(
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.longs(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(Frame::new);
        return frame.list();
    }

    @Test
    void aFrameAtTheLimitIsAcceptedAndOneByteMoreIsRefusedFromItsHeaderAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));
        channel.writeInbound(Unpooled.wrappedBuffer(Peers.frame(16, 1, new byte[LIMIT])));
        assertThat(((Frame) channel.readInbound()).payload()).hasSize(LIMIT);

        byte[] header = Arrays.copyOf(Peers.frame(16, 2, new byte[LIMIT + 1]), WireFormat.HEADER_BYTES);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("4097 bytes exceeds the limit of 4096");
    }

    @Test
    void afterACorruptFrameEverythingElseIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));
        byte[] bad = Peers.frame(-5, 1, new byte[0]);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bad)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("negative message type");

        channel.writeInbound(Unpooled.wrappedBuffer(Peers.frame(16, 2, new byte[3])));

        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void anIncompleteFrameAtTheEndIsDiscardedWithoutError() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));
        byte[] frame = Peers.frame(16, 1, new byte[100]);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(frame, 50)));

        assertThat(channel.finish()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }
}
