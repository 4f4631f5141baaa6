package io.dynamo.metrics;

import io.dynamo.coordinator.CoordinatorMessage.CompareAndSet;
import io.dynamo.coordinator.CoordinatorMessage.Delete;
import io.dynamo.coordinator.CoordinatorMessage.Get;
import io.dynamo.coordinator.CoordinatorMessage.Put;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's handler, timed: each get, put, delete and compare-and-set from its arrival
 * at the node (queueing for a storage thread included) to its answer. A decorator, so the
 * coordinator itself makes no metrics calls.
 */
final class MeasuredHandler implements MessageHandler {
    private final MessageHandler inner;
    private final RequestMeters meters;

    MeasuredHandler(MessageHandler inner, RequestMeters meters) {
        this.inner = inner;
        this.meters = meters;
    }

    @Override
    public MessageFamily family() {
        return inner.family();
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        Optional<String> operation = operationOf(request);
        if (operation.isEmpty()) {
            return inner.handle(request, caller);
        }
        long start = System.nanoTime();
        CompletableFuture<Message> answer;
        try {
            answer = inner.handle(request, caller);
        } catch (RuntimeException e) {
            meters.record(operation.get(), System.nanoTime() - start, null, e);
            throw e;
        }
        return answer.whenComplete((reply, error) -> meters.record(operation.get(), System.nanoTime() - start, reply, error));
    }

    static Optional<String> operationOf(Message request) {
        if (request instanceof Get) {
            return Optional.of("get");
        } else if (request instanceof Put) {
            return Optional.of("put");
        } else if (request instanceof Delete) {
            return Optional.of("delete");
        } else if (request instanceof CompareAndSet) {
            return Optional.of("cas");
        }
        return Optional.empty();
    }
}
