package io.dynamo.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream into {@link Frame}s. The header is validated as soon as it is complete,
 * so an oversized length is refused before a byte of its payload is buffered. A bad frame throws
 * (the connection handler logs and closes); after that, everything else on the connection is
 * discarded.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;
    private boolean corrupt;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < WireFormat.HEADER_BYTES) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getInt(start + WireFormat.LENGTH_OFFSET);
        int type = in.getInt(start + 2);
        String problem = problem(in.getByte(start), in.getByte(start + 1), type, length);
        if (problem != null) {
            corrupt = true;
            in.skipBytes(in.readableBytes());
            if (length > maxFrameBytes) {
                throw new TooLongFrameException(problem);
            }
            throw new CorruptedFrameException(problem);
        }
        if (in.readableBytes() < WireFormat.HEADER_BYTES + length) {
            return;
        }
        long requestId = in.getLong(start + 6);
        byte[] payload = new byte[length];
        in.getBytes(start + WireFormat.HEADER_BYTES, payload);
        in.skipBytes(WireFormat.HEADER_BYTES + length);
        out.add(new Frame(type, requestId, payload));
    }

    private String problem(byte magic, byte version, int type, int length) {
        if (magic != WireFormat.MAGIC) {
            return String.format("bad magic byte 0x%02x (not a dynamo peer?)", magic & 0xff);
        }
        if (version != WireFormat.VERSION) {
            return "unsupported protocol version " + version + " (this node speaks " + WireFormat.VERSION + ")";
        }
        if (type < 0) {
            return "negative message type " + type;
        }
        if (length < 0) {
            return "negative payload length " + length;
        }
        if (length > maxFrameBytes) {
            return "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes;
        }
        return null;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!corrupt && in.isReadable()) {
            LOG.warn("connection with {} closed mid-frame: {} bytes of an incomplete frame discarded",
                    ctx.channel().remoteAddress(), in.readableBytes());
            in.skipBytes(in.readableBytes());
        }
    }
}
