package io.dynamo.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client end of one pooled connection to a peer: handshakes, then pipelines any number of
 * requests, pairing responses by request id. All state lives on the connection's event loop;
 * callers hand requests over through an {@link Inbox}, and every batch they queue is written
 * into one buffer and flushed once. When the connection ends, every request on it fails at once.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** Timed-out requests in a row, with no frame received, after which the connection is given up. */
    static final int SILENT_TIMEOUTS = 2;

    private enum State { HANDSHAKING, READY, CLOSED }

    private final PeerConnections pool;
    private final ClientSide side;
    private final InetSocketAddress peer;
    private final TransportConfig config;
    private final Counters counters;
    private final EventLoop loop;
    private final Inbox<PendingRequest> inbox;
    private final LongObjectHashMap<PendingRequest> inFlight = new LongObjectHashMap<>();
    private final ArrayDeque<PendingRequest> awaitingHandshake = new ArrayDeque<>();
    private volatile State state = State.HANDSHAKING;
    private TransportException closeCause;
    private Channel channel;
    private FrameWriter writer;
    private ScheduledFuture<?> handshakeTimer;
    private long nextRequestId = 1;
    /** Requests sent here that timed out since the last frame arrived: see {@link #timedOut}. */
    private int silentTimeouts;

    ClientConnection(PeerConnections pool, ClientSide side) {
        this.pool = pool;
        this.side = side;
        this.peer = pool.peer();
        this.config = side.config();
        this.counters = side.counters();
        this.loop = side.group().next();
        this.inbox = new Inbox<>(loop, this::accept, this::endOfBatch,
                p -> fail(p, new TransportException("transport is closed")));
    }

    /** Starts connecting; requests may be submitted at once and are sent after the handshake. */
    void start() {
        Bootstrap bootstrap = side.template().clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                side.channels().add(ch);
                side.tls().ifPresent(t -> ch.pipeline().addLast(
                        t.clientHandler(ch.alloc(), peer.getHostString(), peer.getPort(), config.handshakeTimeout())));
                ch.pipeline().addLast(new FrameDecoder(config.maxFrameBytes()), ClientConnection.this);
            }
        });
        ChannelFuture connecting = side.outgoingFrom()
                .map(from -> bootstrap.connect(peer, new InetSocketAddress(from, 0)))
                .orElseGet(() -> bootstrap.connect(peer));
        connecting.addListener(this::connected);
    }

    void submit(PendingRequest request) {
        inbox.submit(request);
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Closes the connection from any thread, failing what is pending with {@code cause}. */
    void shutdown(TransportException cause) {
        try {
            loop.execute(() -> close(cause, false));
        } catch (RejectedExecutionException loopIsGone) {
            // The loop ran its remaining tasks when it shut down; nothing is left to fail.
        }
    }

    private void connected(Future<? super Void> connecting) {
        if (connecting.isSuccess()) {
            return;
        }
        Throwable cause = connecting.cause();
        TransportException failure = new TransportException("cannot connect to peer " + peer + ": " + cause.getMessage(),
                cause);
        if (loop.inEventLoop()) {
            close(failure, true);
            return;
        }
        try {
            loop.execute(() -> close(failure, true));
        } catch (RejectedExecutionException loopIsGone) {
            pool.connectFailed(failure);
        }
    }

    // ---- event loop only from here on ----

    private void accept(PendingRequest request) {
        request.connection = this;
        switch (state) {
            case READY -> send(request);
            case HANDSHAKING -> {
                if (armTimer(request)) {
                    awaitingHandshake.add(request);
                }
            }
            case CLOSED -> fail(request, closeCause);
        }
    }

    private void endOfBatch() {
        if (state == State.READY) {
            writer.flush();
        }
    }

    private void send(PendingRequest request) {
        if (request.future.isDone()) { // cancelled by the caller
            request.cancelTimer();
            return;
        }
        if (request.timer == null && !armTimer(request)) {
            return;
        }
        long id = nextRequestId++;
        request.requestId = id;
        inFlight.put(id, request);
        writer.append(request.type, id, request.payload);
        request.payload = null;
        counters.requestsSent.increment();
    }

    /** Schedules the request's deadline; false (and the request failed) if it has already passed. */
    private boolean armTimer(PendingRequest request) {
        long remaining = request.deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            counters.requestsTimedOut.increment();
            request.future.completeExceptionally(request.timeout());
            return false;
        }
        request.timer = loop.schedule(request, remaining, TimeUnit.NANOSECONDS);
        return true;
    }

    void timedOut(PendingRequest request) {
        request.timer = null;
        boolean pending = request.requestId != 0
                ? inFlight.remove(request.requestId) != null
                : awaitingHandshake.remove(request);
        if (pending) {
            counters.requestsTimedOut.increment();
            // One timeout is a slow handler. Several in a row with nothing at all received is a dead
            // link (a network cut): TCP retransmits on it with a backoff that grows to many seconds,
            // so after the cut heals this connection could stay unusable long after a new one would
            // get through. Drop it (before the caller hears of the timeout, so its next request
            // dials again).
            if (request.requestId != 0 && ++silentTimeouts >= SILENT_TIMEOUTS && state == State.READY) {
                close(new TransportException("connection to peer " + peer + " went silent: " + silentTimeouts
                        + " requests timed out with nothing received; dropped, the next request connects again"), false);
            }
            request.future.completeExceptionally(request.timeout());
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        writer = new FrameWriter(channel);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writer.append(WireFormat.HANDSHAKE, 0, new Handshake(WireFormat.VERSION, config.clusterName()).encode());
        writer.flush();
        handshakeTimer = loop.schedule(this::handshakeTimedOut, config.handshakeTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    private void handshakeTimedOut() {
        if (state == State.HANDSHAKING) {
            LOG.warn("closing connection to peer {}: no answer to the handshake within {} ms", peer,
                    config.handshakeTimeout().toMillis());
            close(new TransportException("peer " + peer + " did not answer the handshake within "
                    + config.handshakeTimeout().toMillis() + " ms"), true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        silentTimeouts = 0;
        switch (state) {
            case READY -> onResponse(frame);
            case HANDSHAKING -> onHandshakeAnswer(frame);
            case CLOSED -> LOG.debug("frame from {} after close ignored", peer);
        }
    }

    private void onHandshakeAnswer(Frame frame) {
        if (frame.type() == WireFormat.HANDSHAKE_ACCEPTED) {
            state = State.READY;
            handshakeTimer.cancel(false);
            counters.connectionsOpened.increment();
            pool.connectSucceeded();
            PendingRequest request;
            while ((request = awaitingHandshake.poll()) != null) {
                send(request);
            }
            writer.flush();
        } else if (frame.type() == WireFormat.HANDSHAKE_REFUSED) {
            String reason = new String(frame.payload(), StandardCharsets.UTF_8);
            LOG.warn("peer {} refused the connection: {}", peer, reason);
            close(new TransportException("peer " + peer + " refused the connection: " + reason), true);
        } else {
            violation("frame of type " + WireFormat.typeName(frame.type()) + " instead of a handshake answer");
        }
    }

    private void onResponse(Frame frame) {
        boolean failed = frame.type() == WireFormat.REQUEST_FAILED;
        if (!failed && !Frame.isProtocolType(frame.type())) {
            violation("unexpected frame of reserved type " + WireFormat.typeName(frame.type()));
            return;
        }
        PendingRequest request = inFlight.remove(frame.requestId());
        if (request == null) {
            LOG.debug("response {} from {} arrived after its request timed out", frame.requestId(), peer);
            return;
        }
        request.cancelTimer();
        if (failed) {
            counters.requestsFailed.increment();
            request.future.completeExceptionally(new TransportException("peer " + peer
                    + " failed to handle a request of type " + request.type + ": "
                    + new String(frame.payload(), StandardCharsets.UTF_8)));
        } else {
            counters.responsesReceived.increment();
            request.future.complete(frame);
        }
    }

    private void violation(String reason) {
        counters.protocolViolations.increment();
        LOG.warn("closing connection to peer {}: protocol violation: {}", peer, reason);
        close(new TransportException("protocol violation by peer " + peer + ": " + reason),
                state == State.HANDSHAKING);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close(new TransportException("connection to peer " + peer + " closed"), state == State.HANDSHAKING);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException tls) {
            // Either side refused the other's certificate (or spoke no TLS): a refused connection, not a protocol bug.
            LOG.warn("TLS handshake with peer {} failed: {}", peer, tls.getMessage());
            close(new TransportException("TLS handshake with peer " + peer + " failed: " + tls.getMessage(), tls), true);
            return;
        }
        if (cause instanceof DecoderException) {
            violation(cause.getMessage());
            return;
        }
        if (cause instanceof IOException) {
            LOG.debug("connection to peer {} failed: {}", peer, cause.toString());
        } else if (state != State.CLOSED) {
            LOG.warn("closing connection to peer {} after an unexpected error", peer, cause);
        }
        close(new TransportException("connection to peer " + peer + " failed: " + cause.getMessage(), cause),
                state == State.HANDSHAKING);
    }

    /**
     * Ends the connection: every request in flight or waiting for the handshake fails with
     * {@code cause} now; requests still in the inbox fail when its (already scheduled) drain runs.
     */
    private void close(TransportException cause, boolean connectFailure) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeCause = cause;
        if (connectFailure) {
            counters.connectFailures.increment();
            pool.connectFailed(cause);
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        inFlight.values().forEach(request -> fail(request, cause));
        inFlight.clear();
        PendingRequest request;
        while ((request = awaitingHandshake.poll()) != null) {
            fail(request, cause);
        }
        if (writer != null) {
            writer.discard();
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void fail(PendingRequest request, TransportException cause) {
        request.cancelTimer();
        if (request.future.completeExceptionally(cause)) {
            counters.requestsFailed.increment();
        }
    }
}
