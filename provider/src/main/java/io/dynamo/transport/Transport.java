package io.dynamo.transport;

import io.dynamo.security.Tls;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty transport of one process: one event loop group shared by its server and its client side,
 * so that a node answers and forwards on the same threads without a hop.
 *
 * <p>Threading: request handlers run on the event loop, and the futures returned by
 * {@link #request} complete on it too, so dependent actions run there without a hop and must not
 * block. Uses native epoll when available, NIO otherwise.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /**
     * What a TLS handshake may take on top of the cluster handshake's bound (Netty's own default):
     * checking a chain and two signatures each way costs a cold JVM, or one on a loaded machine,
     * seconds of wall time that the plain one-frame handshake never needs.
     */
    static final Duration TLS_HANDSHAKE = Duration.ofSeconds(10);

    private final TransportConfig config;
    private final Optional<Tls> tls;
    private final Counters counters = new Counters();
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannelType;
    private final ClientSide clientSide;
    /** Every open channel (listening, accepted, outgoing), closed together by {@link #close()}. */
    private final ChannelGroup channels = new DefaultChannelGroup("dynamo-transport", GlobalEventExecutor.INSTANCE);
    private final ConcurrentMap<InetSocketAddress, PeerConnections> peers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Transport(TransportConfig config, Optional<InetAddress> outgoingFrom, Optional<Tls> tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.config = tls.isPresent() ? config.withHandshakeTimeout(config.handshakeTimeout().plus(TLS_HANDSHAKE))
                : Objects.requireNonNull(config, "config");
        DefaultThreadFactory threads = new DefaultThreadFactory("dynamo-net-" + config.clusterName(), true);
        Class<? extends Channel> channelType;
        if (Epoll.isAvailable()) {
            group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), threads, EpollIoHandler.newFactory());
            serverChannelType = EpollServerSocketChannel.class;
            channelType = EpollSocketChannel.class;
        } else {
            group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), threads, NioIoHandler.newFactory());
            serverChannelType = NioServerSocketChannel.class;
            channelType = NioSocketChannel.class;
        }
        Bootstrap template = new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()));
        clientSide = new ClientSide(this.config, counters, group, template, outgoingFrom, channels, tls);
    }

    /** A transport whose outgoing connections leave from any local address. */
    public static Transport create(TransportConfig config) {
        return new Transport(config, Optional.empty(), Optional.empty());
    }

    /** A transport whose outgoing connections are bound to {@code outgoingFrom} (a node's listen address). */
    public static Transport create(TransportConfig config, java.net.InetAddress outgoingFrom) {
        return new Transport(config, Optional.of(Objects.requireNonNull(outgoingFrom, "outgoingFrom")), Optional.empty());
    }

    /**
     * A transport whose connections, both ways, are TLS 1.3 with mutual authentication when
     * {@code tls} is given ({@link Responder#peerIdentity} then names each request's sender), and
     * plain text otherwise.
     */
    public static Transport create(TransportConfig config, Optional<InetAddress> outgoingFrom, Optional<Tls> tls) {
        return new Transport(config, outgoingFrom, tls);
    }

    /**
     * Listens on {@code bind} and hands every request frame to {@code handler}.
     *
     * @return the address actually bound (port 0 picks one)
     * @throws TransportException when the address cannot be bound (e.g. the port is taken)
     */
    public InetSocketAddress serve(InetSocketAddress bind, RequestHandler handler) {
        return serve(bind, handler, ConnectionLimits.DEFAULTS);
    }

    /** Like {@link #serve(InetSocketAddress, RequestHandler)}, each accepted connection held to {@code limits}. */
    public InetSocketAddress serve(InetSocketAddress bind, RequestHandler handler, ConnectionLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            throw new IllegalStateException("transport is closed");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        tls.ifPresent(t -> ch.pipeline().addLast(t.serverHandler(ch.alloc(), config.handshakeTimeout())));
                        ch.pipeline().addLast(new FrameDecoder(config.maxFrameBytes()),
                                new ServerConnection(handler, config, counters, limits));
                    }
                });
        ChannelFuture binding = bootstrap.bind(bind).awaitUninterruptibly();
        if (!binding.isSuccess()) {
            Throwable cause = binding.cause();
            throw new TransportException("cannot listen on " + bind + ": " + cause.getMessage(), cause);
        }
        channels.add(binding.channel());
        InetSocketAddress bound = (InetSocketAddress) binding.channel().localAddress();
        LOG.info("cluster '{}' transport listening on {} ({}, {})", config.clusterName(), bound,
                Epoll.isAvailable() ? "epoll" : "nio", tls.map(t -> "TLS 1.3 (" + Tls.provider() + ") as " + t.self()).orElse("plain text"));
        return bound;
    }

    /**
     * Sends a request over a pooled, pipelined connection to {@code peer}. The
     * future fails with {@link TransportException} when the peer cannot be reached, the handshake
     * is refused or the connection drops, and with {@link RequestTimeoutException} after
     * {@code timeout}.
     *
     * @param type a protocol message type, at least {@link Frame#FIRST_PROTOCOL_TYPE}
     * @throws IllegalArgumentException for a reserved type, a non-positive timeout or a payload over the frame limit
     */
    public CompletableFuture<Frame> request(InetSocketAddress peer, int type, byte[] payload, Duration timeout) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        if (!Frame.isProtocolType(type)) {
            throw new IllegalArgumentException("message type " + type + " is reserved for the transport (use "
                    + Frame.FIRST_PROTOCOL_TYPE + " or above)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (payload.length > config.maxFrameBytes()) {
            throw new IllegalArgumentException("request of " + payload.length + " bytes exceeds the frame limit of "
                    + config.maxFrameBytes());
        }
        if (peer.isUnresolved()) {
            throw new IllegalArgumentException("peer address is unresolved: " + peer);
        }
        PendingRequest request = new PendingRequest(peer, type, payload, saturatedNanos(timeout));
        if (closed) {
            request.future.completeExceptionally(new TransportException("transport is closed"));
            return request.future;
        }
        try {
            peers.computeIfAbsent(peer, address -> new PeerConnections(address, clientSide)).acquire(payload.length).submit(request);
        } catch (TransportException unreachable) {
            counters.requestsFailed.increment();
            request.future.completeExceptionally(unreachable);
        }
        return request.future;
    }

    /**
     * Forgets a failure to connect to {@code peer}: it has just been heard from (e.g. its gossip
     * arrived), so the next request dials it at once instead of failing for the rest of the
     * reconnect backoff. A restarted node can be serving within the backoff of a failure seen
     * while it was down.
     */
    public void clearBackoff(InetSocketAddress peer) {
        PeerConnections connections = peers.get(peer);
        if (connections != null) {
            connections.connectSucceeded();
        }
    }

    /** Counters since this transport was created. */
    public TransportMetrics metrics() {
        return counters.snapshot();
    }

    /**
     * Stops listening, closes every connection (failing pending requests with
     * {@link TransportException}) and stops the network threads, waiting a bounded time.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        TransportException cause = new TransportException("transport is closed");
        peers.values().forEach(pool -> pool.shutdown(cause));
        boolean onLoop = isNetworkThread();
        if (!onLoop) {
            channels.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            channels.close();
        }
        var termination = group.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!onLoop && !termination.awaitUninterruptibly(CLOSE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            LOG.warn("network threads of cluster '{}' did not stop within {} ms", config.clusterName(),
                    CLOSE_TIMEOUT.toMillis());
        }
    }

    private boolean isNetworkThread() {
        for (var executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }
}
