package io.dynamo.protocol;

import io.dynamo.ring.Member;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way every package reaches another node (DESIGN decision 13): encode, send with a
 * timeout, decode, and turn an {@link ErrorResult} into the {@link DynamoException} it names.
 * Returned futures fail with the cause itself (a {@code DynamoException}, a transport exception),
 * never a wrapper. Concerns such as failure detection or bandwidth limits are decorators (Voldemort
 * style) around {@link TransportPeerClient}.
 */
public interface PeerClient {
    /** Sends {@code request} to a member and yields its answer. */
    CompletableFuture<Message> call(Member peer, Message request, Duration timeout);

    /** Sends {@code request} to a node known only by address (a seed whose id is not known yet). */
    CompletableFuture<Message> call(InetSocketAddress address, Message request, Duration timeout);

    /** {@link #call(Member, Message, Duration)}, checking the answer is of the {@code expected} type. */
    default <T extends Message> CompletableFuture<T> call(Member peer, Message request, Class<T> expected, Duration timeout) {
        return call(peer, request, timeout).thenApply(answer -> expect(peer.id().value(), request, answer, expected));
    }

    /** {@link #call(InetSocketAddress, Message, Duration)}, checking the answer is of the {@code expected} type. */
    default <T extends Message> CompletableFuture<T> call(InetSocketAddress address, Message request, Class<T> expected, Duration timeout) {
        // The address is named only in an error: InetSocketAddress.toString built a string per answer (a client's top allocation).
        return call(address, request, timeout).thenApply(answer -> expect(address, request, answer, expected));
    }

    /** The answer as {@code expected}, or a clear error naming the peer and both message types. */
    static <T extends Message> T expect(Object peer, Message request, Message answer, Class<T> expected) {
        if (!expected.isInstance(answer)) {
            throw new DynamoException(ErrorCode.INTERNAL, peer + " answered " + answer.getClass().getSimpleName() + " to "
                    + request.getClass().getSimpleName());
        }
        return expected.cast(answer);
    }

    /**
     * Waits for a call on a thread that may block (never the event loop): its value, or its failure's
     * cause rethrown as is (a {@code RuntimeException}), or {@link RemoteTimeoutException} after {@code timeout}.
     */
    static <T> T await(CompletableFuture<T> call, Duration timeout) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw asRuntime(unwrap(e));
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new RemoteTimeoutException("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteTimeoutException("interrupted while waiting for an answer");
        }
    }

    /** The failure behind the wrappers that futures add. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A failure's message for a user, or its kind when it has none. */
    static String reason(Throwable error) {
        Throwable e = unwrap(error);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException r ? r : new DynamoException(ErrorCode.INTERNAL, e.toString(), e);
    }

    /** A blocking wait that ran out of time, or was interrupted. */
    final class RemoteTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RemoteTimeoutException(String message) {
            super(message);
        }
    }
}
