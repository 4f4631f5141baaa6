package io.dynamo.admin;

import io.dynamo.admin.AdminMessage.StatusRequest;
import io.dynamo.admin.AdminMessage.StatusResult;
import io.dynamo.protocol.Caller;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageFamily;
import io.dynamo.protocol.MessageHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Answers an operator's status request with the node's figures. */
public final class AdminHandler implements MessageHandler {
    private final Supplier<StatusResult> status;

    public AdminHandler(Supplier<StatusResult> status) {
        this.status = status;
    }

    @Override
    public MessageFamily family() {
        return AdminMessage.FAMILY;
    }

    @Override
    public CompletableFuture<Message> handle(Message request, Caller caller) {
        if (request instanceof StatusRequest) {
            return MessageHandler.answer(status.get());
        }
        throw MessageHandler.notARequest(request);
    }
}
