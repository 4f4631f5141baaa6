package io.dynamo.client;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.TransportPeerClient;
import io.dynamo.security.Tls;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a client (data or admin) calls nodes: over the same {@link PeerClient} as the nodes use
 * (encode, send with a timeout, decode, an error the node sent back becomes its
 * {@link DynamoException}), on the client's own transport, which this owns, with the blocking
 * waits a client needs.
 */
public final class NodeCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCalls.class);

    private final Transport transport;
    private final PeerClient peers;

    NodeCalls(Transport transport, MessageCodec codec) {
        this.transport = transport;
        this.peers = new TransportPeerClient(transport, codec);
    }

    /**
     * A transport for {@code config}'s cluster (an empty name accepts the seeds' cluster), reading
     * answers with {@code codec}: the families this client speaks.
     */
    public static NodeCalls open(ClientConfig config, MessageCodec codec) {
        return new NodeCalls(Transport.create(transportConfig(config), Optional.empty(), tls(config)), codec);
    }

    /** Like {@link #open(ClientConfig, MessageCodec)}, with every connection leaving from {@code outgoingFrom}. */
    public static NodeCalls open(ClientConfig config, InetAddress outgoingFrom, MessageCodec codec) {
        return new NodeCalls(Transport.create(transportConfig(config), Optional.of(outgoingFrom), tls(config)), codec);
    }

    /** Builds a client on {@code calls}, closing them when it cannot be built (no seed answered, say). */
    public static <T> T buildOn(NodeCalls calls, Function<NodeCalls, T> client) {
        try {
            return client.apply(calls);
        } catch (RuntimeException e) {
            calls.close();
            throw e;
        }
    }

    /** The client's TLS contexts; a key others can read gets a warning (the user owns the client's files). */
    private static Optional<Tls> tls(ClientConfig config) {
        return config.tls().map(files -> {
            if (files.keyReadableByOthers()) {
                LOG.warn("{}", files.keyExposure());
            }
            return Tls.load(files);
        });
    }

    private static TransportConfig transportConfig(ClientConfig config) {
        return TransportConfig.defaults(config.cluster().isEmpty() ? TransportConfig.ANY_CLUSTER : config.cluster());
    }

    /** Sends {@code request}; the future fails with the node's error, or a transport failure, as it is (see {@link PeerClient}). */
    public <T extends Message> CompletableFuture<T> call(InetSocketAddress to, Message request, Class<T> answer, Duration timeout) {
        return peers.call(to, request, answer, timeout);
    }

    /** {@link #call} and wait for the answer, a little longer than the request's own timeout. */
    public <T extends Message> T callAndWait(InetSocketAddress to, Message request, Class<T> answer, Duration timeout) {
        return await(call(to, request, answer, timeout), timeout.plusSeconds(1), to + " did not answer within " + timeout);
    }

    /**
     * The future's value, waiting at most {@code bound}: a failure is thrown as it is when it is
     * a runtime exception (the node's own error among them), and a wait past the bound as a quorum
     * not reached with {@code onTimeout} as the reason.
     */
    public static <T> T await(CompletableFuture<T> future, Duration bound, String onTimeout) {
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = PeerClient.unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new DynamoException(ErrorCode.INTERNAL, PeerClient.reason(cause), cause);
        } catch (TimeoutException e) {
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, onTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
        }
    }


    @Override
    public void close() {
        transport.close();
    }
}
