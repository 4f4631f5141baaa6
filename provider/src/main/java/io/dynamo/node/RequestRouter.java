package io.dynamo.node;

import io.dynamo.protocol.Caller;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.ErrorResult;
import io.dynamo.protocol.MalformedMessageException;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.protocol.PeerClient;
import io.dynamo.replica.SiblingLimitException;
import io.dynamo.security.PeerIdentity;
import io.dynamo.security.Role;
import io.dynamo.spi.StorageLimitException;
import io.dynamo.transport.Frame;
import io.dynamo.transport.RequestHandler;
import io.dynamo.transport.Responder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one routing table: each request type goes to the handler of its message family
 * (DESIGN decision 13), and every answer or failure goes back encoded. A failure becomes an
 * {@link ErrorResult} the client can show as is.
 */
final class RequestRouter implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

    private final MessageCodec codec;
    private final MessageHandler[] byType = new MessageHandler[MessageFamily.MAX_TYPE + 1];
    /** Per type, the certificate roles it is served to (its family's unless the type says otherwise). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Set<Role>[] servedTo = new Set[MessageFamily.MAX_TYPE + 1];

    /** @param codec knows every handler's family (and refused two families claiming one type number) */
    RequestRouter(MessageCodec codec, List<MessageHandler> handlers) {
        this.codec = codec;
        for (MessageHandler h : handlers) {
            if (!codec.families().contains(h.family())) {
                throw new IllegalArgumentException("the node's codec lacks the " + h.family().name() + " family");
            }
            for (MessageFamily.MessageType<?> t : h.family().types()) {
                if (byType[t.id()] != null) {
                    throw new IllegalArgumentException("two handlers for message type " + t.id());
                }
                byType[t.id()] = h;
                servedTo[t.id()] = h.family().servedTo(t);
            }
        }
    }

    @Override
    public void handle(Frame request, Responder responder) {
        CompletableFuture<Message> answer;
        try {
            Message m = codec.decode(request.type(), request.payload());
            MessageHandler handler = byType[request.type()];
            if (handler == null) {
                throw MessageHandler.notARequest(m); // a reply (Ack, ErrorResult) sent as a request
            }
            Caller caller = new Caller(responder.remoteAddress(), responder.peerIdentity().map(PeerIdentity::role));
            // Checked before the handler sees the request, so a refused one changes nothing.
            answer = caller.mayAsk(servedTo[request.type()])
                    ? handler.handle(m, caller)
                    : MessageHandler.answer(refusal(m, handler.family(), caller, responder.peerIdentity()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> reply(responder, error == null ? response : toError(error)));
    }

    /**
     * An answer too large for a frame would be refused by the transport and leave the caller to
     * time out; it gets an error it can act on instead (e.g. fetch fewer keys at once).
     */
    private static void reply(Responder responder, Message out) {
        byte[] body = MessageCodec.encode(out);
        if (body.length > responder.maxPayloadBytes()) {
            log.warn("reply {} of {} bytes exceeds the frame limit of {}", out.getClass().getSimpleName(), body.length,
                    responder.maxPayloadBytes());
            out = new ErrorResult(ErrorCode.TOO_LARGE, "the reply of " + body.length + " bytes exceeds the frame limit of "
                    + responder.maxPayloadBytes() + " bytes");
            body = MessageCodec.encode(out);
        }
        responder.reply(out.type(), body);
    }

    private ErrorResult refusal(Message m, MessageFamily family, Caller caller, Optional<PeerIdentity> who) {
        String role = caller.role().map(Role::text).orElse("unknown");
        String served = servedTo[m.type()].stream().map(Role::text).sorted().collect(Collectors.joining(", "));
        log.warn("refused {} from {} ({}): served to {} only", m.getClass().getSimpleName(),
                who.map(PeerIdentity::toString).orElse("?"), caller.address().map(String::valueOf).orElse("?"), served);
        return new ErrorResult(ErrorCode.UNAUTHORIZED, "a " + role + " certificate may not send " + m.getClass().getSimpleName()
                + " (" + family.name() + " family): it is served to " + served + " only");
    }

    static ErrorResult toError(Throwable error) {
        Throwable e = PeerClient.unwrap(error);
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
