package io.dynamo.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Outbound side of one connection, used on its event loop only. Small frames are packed into one
 * shared buffer and the channel is flushed once per batch, so a burst of responses or pipelined
 * requests costs one write system call instead of one per frame.
 */
final class FrameWriter {
    /** Frames at least this large get a buffer of their own instead of being copied into the batch. */
    private static final int LARGE_FRAME = 64 * 1024;
    private static final int INITIAL_BATCH = 4 * 1024;

    private final Channel channel;
    private ByteBuf batch;
    private boolean written;

    FrameWriter(Channel channel) {
        this.channel = channel;
    }

    void append(int type, long requestId, byte[] payload) {
        int size = WireFormat.encodedSize(payload);
        if (size >= LARGE_FRAME) {
            writeBatch();
            ByteBuf own = channel.alloc().ioBuffer(size);
            WireFormat.write(own, type, requestId, payload);
            channel.write(own, channel.voidPromise());
            written = true;
            return;
        }
        if (batch == null) {
            batch = channel.alloc().ioBuffer(Math.max(size, INITIAL_BATCH));
        }
        WireFormat.write(batch, type, requestId, payload);
        if (batch.readableBytes() >= LARGE_FRAME) {
            writeBatch();
        }
    }

    /** Writes what was appended and flushes the socket, if anything was appended since the last flush. */
    void flush() {
        writeBatch();
        if (written) {
            written = false;
            channel.flush();
        }
    }

    /** Drops what was appended but not yet written (the connection is closing). */
    void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    private void writeBatch() {
        if (batch != null) {
            ByteBuf full = batch;
            batch = null;
            channel.write(full, channel.voidPromise());
            written = true;
        }
    }
}
