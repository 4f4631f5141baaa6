package io.dynamo.client;

import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.security.Tls;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a client (data or admin) calls a node: encode the request, send it with a timeout,
 * decode the answer, turn an error the node sent back into its {@link DynamoException}, and unwrap
 * the {@link CompletionException} a future wraps it in. Owns the client's transport.
 */
public final class NodeCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCalls.class);

    private final Transport transport;
    private final MessageCodec codec;

    NodeCalls(Transport transport, MessageCodec codec) {
        this.transport = transport;
        this.codec = codec;
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

    /** A request encoded once, to be sent to several nodes in turn. */
    public record Encoded(int type, byte[] payload) {
        public static Encoded of(Message request) {
            return new Encoded(request.type(), MessageCodec.encode(request));
        }
    }

    /** Sends {@code request}; the future fails with the node's error, or a transport failure, unwrapped by {@link #unwrap}. */
    public <T extends Message> CompletableFuture<T> call(InetSocketAddress to, Message request, Class<T> answer, Duration timeout) {
        return call(to, Encoded.of(request), answer, timeout);
    }

    public <T extends Message> CompletableFuture<T> call(InetSocketAddress to, Encoded request, Class<T> answer, Duration timeout) {
        return transport.request(to, request.type(), request.payload(), timeout).thenApply(frame -> {
            Message m = codec.decodeResponse(frame.type(), frame.payload());
            if (!answer.isInstance(m)) {
                throw new DynamoException(ErrorCode.INTERNAL, to + " answered " + m.getClass().getSimpleName()
                        + " where " + answer.getSimpleName() + " was expected");
            }
            return answer.cast(m);
        });
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
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new DynamoException(ErrorCode.INTERNAL, reason(cause), cause);
        } catch (TimeoutException e) {
            throw new DynamoException(ErrorCode.QUORUM_NOT_REACHED, onTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoException(ErrorCode.INTERNAL, "interrupted");
        }
    }

    /** The failure inside the wrapper a future or {@code get} puts around it. */
    public static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null ? t.getCause() : t;
    }

    /** A failure's message for a user, or its kind when it has none. */
    public static String reason(Throwable t) {
        Throwable c = unwrap(t);
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public void close() {
        transport.close();
    }
}
