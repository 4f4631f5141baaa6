package io.dynamo.transport;

import io.dynamo.security.PeerIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server end of one accepted connection: checks the handshake, then hands each request to the
 * {@link RequestHandler} on the event loop (no thread hop) and writes the replies. Replies given
 * while the loop is reading this connection are flushed once at the end of the read; replies
 * from elsewhere go through an {@link Inbox} and are flushed once per drained batch.
 *
 * <p>Back-pressure ({@link ConnectionLimits}): while too many requests are unanswered or the
 * socket's queue of replies is over its high-water mark, the connection is not read.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    private static final byte[] EMPTY = new byte[0];

    private final RequestHandler handler;
    private final TransportConfig config;
    private final Counters counters;
    private final ConnectionLimits limits;
    private Channel channel;
    private FrameWriter writer;
    private Inbox<ServerResponder> replies;
    private volatile Optional<InetSocketAddress> remote = Optional.empty();
    private boolean handshaken;
    private boolean closing;
    private boolean reading;
    /** Requests dispatched and not yet answered; event loop only. */
    private int inFlight;
    private ScheduledFuture<?> handshakeTimer;

    ServerConnection(RequestHandler handler, TransportConfig config, Counters counters, ConnectionLimits limits) {
        this.handler = handler;
        this.config = config;
        this.counters = counters;
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        int high = limits.maxQueuedReplyBytes();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        writer = new FrameWriter(channel);
        replies = new Inbox<>(channel.eventLoop(), this::write, writer::flush,
                r -> LOG.debug("reply to request {} dropped: transport closed", r.requestId()));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (channel.remoteAddress() instanceof InetSocketAddress address) {
            remote = Optional.of(address);
        }
        handshakeTimer = ctx.executor().schedule(this::handshakeTimedOut,
                config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        Frame frame = (Frame) msg;
        if (closing) {
            return;
        }
        if (!handshaken) {
            onHandshake(ctx, frame);
        } else if (Frame.isProtocolType(frame.type())) {
            dispatch(frame);
        } else {
            violation(ctx, "unexpected frame of reserved type " + WireFormat.typeName(frame.type()));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        writer.flush();
        ctx.fireChannelReadComplete();
    }

    private void onHandshake(ChannelHandlerContext ctx, Frame frame) {
        if (frame.type() != WireFormat.HANDSHAKE) {
            violation(ctx, "frame of type " + WireFormat.typeName(frame.type()) + " before the handshake");
            return;
        }
        Optional<Handshake> handshake = Handshake.decode(frame.payload());
        if (handshake.isEmpty()) {
            violation(ctx, "malformed handshake");
            return;
        }
        Optional<String> refusal = handshake.get().refusal(config.clusterName());
        if (refusal.isPresent()) {
            LOG.warn("refusing connection from {}: {}", remoteText(), refusal.get());
            closing = true;
            handshakeTimer.cancel(false);
            byte[] reason = refusal.get().getBytes(StandardCharsets.UTF_8);
            ByteBuf out = ctx.alloc().ioBuffer(WireFormat.encodedSize(reason));
            WireFormat.write(out, WireFormat.HANDSHAKE_REFUSED, frame.requestId(), reason);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        handshaken = true;
        handshakeTimer.cancel(false);
        writer.append(WireFormat.HANDSHAKE_ACCEPTED, frame.requestId(), EMPTY);
    }

    private void dispatch(Frame request) {
        counters.requestsServed.increment();
        inFlight++;
        pauseIfOverLimits();
        ServerResponder responder = new ServerResponder(this, request.requestId());
        try {
            handler.handle(request, responder);
        } catch (RuntimeException | Error e) {
            LOG.warn("handler failed on a request of type {} from {}", request.type(), remoteText(), e);
            responder.failed(e);
        }
    }

    /** Called by a responder, from any thread. */
    void send(ServerResponder reply) {
        if (channel.eventLoop().inEventLoop() && reading) {
            write(reply);
        } else {
            replies.submit(reply);
        }
    }

    private void write(ServerResponder reply) {
        inFlight--;
        if (channel.isActive()) {
            writer.append(reply.type(), reply.requestId(), reply.payload());
            pauseIfOverLimits();
            resumeIfDrained();
        }
    }

    private void pauseIfOverLimits() {
        if (channel.config().isAutoRead() && (inFlight >= limits.maxInFlightRequests() || !channel.isWritable())) {
            counters.readsPaused.increment();
            channel.config().setAutoRead(false);
        }
    }

    /** Reads again once half the requests are answered and the reply queue is below its low-water mark. */
    private void resumeIfDrained() {
        if (!channel.config().isAutoRead() && !closing && inFlight <= limits.maxInFlightRequests() / 2 && channel.isWritable()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            resumeIfDrained();
        } else {
            pauseIfOverLimits();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void handshakeTimedOut() {
        if (!handshaken && !closing && channel.isActive()) {
            counters.protocolViolations.increment();
            LOG.warn("closing connection from {}: no handshake within {} ms", remoteText(),
                    config.handshakeTimeout().toMillis());
            closing = true;
            channel.close();
        }
    }

    private void violation(ChannelHandlerContext ctx, String reason) {
        counters.protocolViolations.increment();
        LOG.warn("closing connection from {}: protocol violation: {}", remoteText(), reason);
        closing = true;
        writer.flush(); // answers already given to earlier, valid requests still go out
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        writer.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            violation(ctx, cause.getMessage());
            return;
        }
        if (cause instanceof IOException) {
            LOG.debug("connection from {} failed: {}", remoteText(), cause.toString());
        } else if (!closing) {
            LOG.warn("closing connection from {} after an unexpected error", remoteText(), cause);
        }
        closing = true;
        ctx.close();
    }

    Optional<InetSocketAddress> remoteAddress() {
        return remote;
    }

    Optional<PeerIdentity> peerIdentity() {
        return TlsIdentity.of(channel);
    }

    int maxFrameBytes() {
        return config.maxFrameBytes();
    }

    private String remoteText() {
        return remote.map(String::valueOf).orElse(String.valueOf(channel.remoteAddress()));
    }
}
