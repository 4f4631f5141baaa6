package io.dynamo.node;

import io.dynamo.antientropy.AntiEntropy;
import io.dynamo.config.ClusterSettings;
import io.dynamo.coordinator.Coordinator;
import io.dynamo.coordinator.SiblingLimitException;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.Message.Ack;
import io.dynamo.protocol.Message.CacheKeys;
import io.dynamo.protocol.Message.CompareAndSet;
import io.dynamo.protocol.Message.Delete;
import io.dynamo.protocol.Message.ErrorResult;
import io.dynamo.protocol.Message.Get;
import io.dynamo.protocol.Message.Put;
import io.dynamo.protocol.Message.ReplicaRead;
import io.dynamo.protocol.Message.ReplicaWrite;
import io.dynamo.protocol.Message.RingRequest;
import io.dynamo.protocol.Message.RingState;
import io.dynamo.protocol.Message.StatusRequest;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.spi.StorageLimitException;
import io.dynamo.transport.Frame;
import io.dynamo.transport.RequestHandler;
import io.dynamo.transport.Responder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes each request, hands it to the coordinator or the local replica, and encodes the answer or the error. */
final class NodeRequestHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(NodeRequestHandler.class);

    private final Coordinator coordinator;
    private final Supplier<RingState> ring;
    private final Supplier<Message> status;
    private final ClusterRequests cluster;
    private final Supplier<ClusterSettings> settings;
    private final AntiEntropy antiEntropy;

    NodeRequestHandler(Coordinator coordinator, Supplier<RingState> ring, Supplier<Message> status, ClusterRequests cluster,
            Supplier<ClusterSettings> settings, AntiEntropy antiEntropy) {
        this.coordinator = coordinator;
        this.ring = ring;
        this.status = status;
        this.cluster = cluster;
        this.settings = settings;
        this.antiEntropy = antiEntropy;
    }

    @Override
    public void handle(Frame request, Responder responder) {
        CompletableFuture<Message> answer;
        try {
            answer = dispatch(MessageCodec.decode(request.type(), request.payload()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            Message out = error == null ? response : toError(error);
            responder.reply(out.type(), MessageCodec.encode(out));
        });
    }

    private CompletableFuture<Message> dispatch(Message m) {
        if (m instanceof ReplicaWrite w) {
            coordinator.replicaWrite(w);
            return CompletableFuture.completedFuture(new Ack());
        } else if (m instanceof ReplicaRead r) {
            return CompletableFuture.completedFuture(coordinator.replicaRead(r));
        } else if (m instanceof Get g) {
            return coordinator.read(g, settings.get().apply(g.cache()), g.key());
        } else if (m instanceof Put p) {
            return coordinator.write(p, settings.get().apply(p.cache()), p.key(), p.context(), Optional.of(p.value()));
        } else if (m instanceof Delete d) {
            return coordinator.write(d, settings.get().apply(d.cache()), d.key(), d.context(), Optional.empty());
        } else if (m instanceof CompareAndSet c) {
            ClusterSettings s = settings.get();
            return coordinator.compareAndSet(s == ClusterSettings.NONE ? c
                    : new CompareAndSet(s.apply(c.cache()), c.key(), c.expected(), c.value()));
        } else if (m instanceof CacheKeys k) {
            return CompletableFuture.completedFuture(coordinator.cacheKeys(k));
        } else if (m instanceof RingRequest) {
            return CompletableFuture.completedFuture(ring.get());
        } else if (m instanceof StatusRequest) {
            return CompletableFuture.completedFuture(status.get());
        } else if (m instanceof Message.AntiEntropyRequest a) {
            return antiEntropy.handle(a);
        }
        Optional<CompletableFuture<Message>> clusterAnswer = cluster.handle(m);
        if (clusterAnswer.isPresent()) {
            return clusterAnswer.get();
        }
        throw new MalformedMessageException("message type " + m.type() + " is not a request");
    }

    private static ErrorResult toError(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof DynamoException d) {
            return new ErrorResult(d.code(), d.getMessage());
        } else if (e instanceof MalformedMessageException) {
            return new ErrorResult(ErrorCode.BAD_REQUEST, "malformed request: " + e.getMessage());
        } else if (e instanceof StorageLimitException) {
            return new ErrorResult(ErrorCode.TOO_LARGE, e.getMessage());
        } else if (e instanceof SiblingLimitException) {
            return new ErrorResult(ErrorCode.TOO_MANY_SIBLINGS, e.getMessage());
        } else if (e instanceof IllegalArgumentException) {
            return new ErrorResult(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        log.error("request failed", e);
        return new ErrorResult(ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
