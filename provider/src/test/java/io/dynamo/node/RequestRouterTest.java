package io.dynamo.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.admin.AdminMessage;
import io.dynamo.admin.AdminMessage.StatusRequest;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.handoff.HandoffMessage.HintsRequest;
import io.dynamo.protocol.Ack;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.ErrorResult;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import io.dynamo.security.PeerIdentity;
import io.dynamo.security.Role;
import io.dynamo.transport.Frame;
import io.dynamo.transport.Responder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestRouterTest {
    private final List<Message> seenByAdmin = new ArrayList<>();

    private final MessageHandler admin = new MessageHandler() {
        @Override
        public MessageFamily family() {
            return AdminMessage.FAMILY;
        }

        @Override
        public CompletableFuture<Message> handle(Message request, Caller caller) {
            seenByAdmin.add(request);
            return MessageHandler.answer(new StatusResult("n1", 7, 42, 3, 1000));
        }
    };

    private Message route(RequestRouter router, Message request) {
        return route(router, request.type(), MessageCodec.encode(request));
    }

    private Message route(RequestRouter router, int type, byte[] payload) {
        List<Message> answers = new ArrayList<>();
        router.handle(new Frame(type, 1, payload), (t, p) -> answers.add(NodeProtocol.CODEC.decode(t, p)));
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    @Test
    void eachRequestGoesToTheHandlerOfItsFamilyAndItsAnswerIsEncoded() {
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(admin));
        assertThat(route(router, new StatusRequest())).isEqualTo(new StatusResult("n1", 7, 42, 3, 1000));
        assertThat(seenByAdmin).containsExactly(new StatusRequest());
    }

    @Test
    void aFamilyWithoutAHandlerHereIsRefusedWithAClearError() {
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(admin));
        Message answer = route(router, new HintsRequest());
        assertThat(answer).isInstanceOf(ErrorResult.class);
        assertThat(((ErrorResult) answer).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(((ErrorResult) answer).message()).contains("not a request");
        assertThat(seenByAdmin).isEmpty();
    }

    @Test
    void aReplySentAsARequestOrAnUnknownTypeIsABadRequest() {
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(admin));
        assertThat(((ErrorResult) route(router, new Ack())).message()).contains("not a request");
        assertThat(((ErrorResult) route(router, 999, new byte[0])).message()).contains("unknown message type 999");
        assertThat(((ErrorResult) route(router, AdminMessage.STATUS, new byte[] {1})).message()).contains("malformed request");
        assertThat(seenByAdmin).isEmpty();
    }

    @Test
    void aReplyTooLargeForAFrameIsAnsweredWithTooLargeNotLeftToTimeOut() {
        MessageHandler large = new MessageHandler() {
            @Override
            public MessageFamily family() {
                return AdminMessage.FAMILY;
            }

            @Override
            public CompletableFuture<Message> handle(Message request, Caller caller) {
                return MessageHandler.answer(new StatusResult("n".repeat(1000), 7, 42, 3, 1000));
            }
        };
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(large));
        List<Message> answers = new ArrayList<>();
        Responder smallFrames = new Responder() {
            @Override
            public void reply(int type, byte[] payload) {
                if (payload.length > maxPayloadBytes()) {
                    throw new IllegalArgumentException("reply of " + payload.length + " bytes exceeds the frame limit");
                }
                answers.add(NodeProtocol.CODEC.decode(type, payload));
            }

            @Override
            public int maxPayloadBytes() {
                return 200; // the status reply is larger; its error is not
            }
        };
        router.handle(new Frame(AdminMessage.STATUS, 1, MessageCodec.encode(new StatusRequest())), smallFrames);

        assertThat(answers).hasSize(1);
        assertThat(((ErrorResult) answers.get(0)).code()).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void aHandlerThatFailsAnswersWithTheFailure() {
        MessageHandler failing = new MessageHandler() {
            @Override
            public MessageFamily family() {
                return HandoffMessage.FAMILY;
            }

            @Override
            public CompletableFuture<Message> handle(Message request, Caller caller) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("no such owner"));
            }
        };
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(failing));
        assertThat(route(router, new HintsRequest())).isEqualTo(new ErrorResult(ErrorCode.BAD_REQUEST, "no such owner"));
    }

    @Test
    void aHandlerOfAFamilyTheCodecDoesNotKnowIsRefusedAtStart() {
        assertThatThrownBy(() -> new RequestRouter(MessageCodec.of(HandoffMessage.FAMILY), List.of(admin)))
                .hasMessageContaining("lacks the admin family");
        assertThatThrownBy(() -> new RequestRouter(NodeProtocol.CODEC, List.of(admin, admin)))
                .hasMessageContaining("two handlers for message type");
    }

    private Message routeAs(RequestRouter router, Optional<Role> role, Message request) {
        List<Message> answers = new ArrayList<>();
        Responder responder = new Responder() {
            @Override
            public void reply(int type, byte[] payload) {
                answers.add(NodeProtocol.CODEC.decode(type, payload));
            }

            @Override
            public Optional<PeerIdentity> peerIdentity() {
                return role.map(r -> new PeerIdentity("shop", r, "someone"));
            }
        };
        router.handle(new Frame(request.type(), 1, MessageCodec.encode(request)), responder);
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    @Test
    void aClientCertificateAskingForAnOperatorRequestIsRefusedBeforeTheHandlerSeesIt() {
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(admin));
        Message answer = routeAs(router, Optional.of(Role.CLIENT), new StatusRequest());
        assertThat(answer).isInstanceOf(ErrorResult.class);
        assertThat(((ErrorResult) answer).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(((ErrorResult) answer).message()).contains("client certificate may not send StatusRequest")
                .contains("admin family").contains("admin, node only");
        assertThat(seenByAdmin).isEmpty();
    }

    @Test
    void anAdminOrANodeCertificateAndAPlainTextConnectionAreServedOperatorRequests() {
        RequestRouter router = new RequestRouter(NodeProtocol.CODEC, List.of(admin));
        for (Optional<Role> role : List.of(Optional.of(Role.ADMIN), Optional.of(Role.NODE), Optional.<Role>empty())) {
            assertThat(routeAs(router, role, new StatusRequest())).isInstanceOf(StatusResult.class);
        }
        assertThat(seenByAdmin).hasSize(3);
    }

    @Test
    void newErrorCodesKeepTheirOrdinalsAfterEveryOlderCode() {
        // Codes travel as ordinals: a new one goes last, so older peers still read the others right.
        assertThat(ErrorCode.NOT_A_REPLICA.ordinal()).isEqualTo(ErrorCode.values().length - 1);
        assertThat(ErrorCode.UNAUTHORIZED.ordinal()).isEqualTo(5);
        assertThat(ErrorCode.INTERNAL.ordinal()).isEqualTo(4);
    }

    @Test
    void everyFamilyOfTheNodeOwnsItsTypeNumbers() {
        assertThat(NodeProtocol.CODEC.families()).extracting(MessageFamily::name)
                .containsExactlyInAnyOrder("coordinator", "replica", "membership", "handoff", "rebalance", "anti-entropy", "admin", "consensus", "bulk", "replies");
    }
}
