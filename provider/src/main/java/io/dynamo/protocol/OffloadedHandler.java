package io.dynamo.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A handler whose work runs on an executor instead of the network thread that received the
 * request. Storage reads, writes and scans may block for milliseconds (a RocksDB fsync, a scan of
 * a large partition); a network thread waiting on them delays every connection it serves, gossip
 * among them, and a late heartbeat lets a peer's phi detector suspect a live node (paper §4.8.3).
 */
public final class OffloadedHandler implements MessageHandler {
    private final MessageHandler inner;
    private final Executor executor;

    private OffloadedHandler(MessageHandler inner, Executor executor) {
        this.inner = inner;
        this.executor = executor;
    }

    /** {@code handler}, its requests handled on {@code executor}. */
    public static MessageHandler on(Executor executor, MessageHandler handler) {
        return new OffloadedHandler(handler, executor);
    }

    @Override
    public MessageFamily family() {
        return inner.family();
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        try {
            return CompletableFuture.supplyAsync(() -> inner.handle(request, caller), executor).thenCompose(Function.identity());
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.failedFuture(new DynamoException(ErrorCode.INTERNAL, "the node is shutting down"));
        }
    }
}
