package io.dynamo.transport;

import io.dynamo.security.PeerIdentity;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The responder of one request received by a {@link ServerConnection}. It doubles as the queue
 * entry of a reply sent from another thread, so answering costs no allocation beyond the payload.
 */
final class ServerResponder implements Responder {
    private static final AtomicIntegerFieldUpdater<ServerResponder> ANSWERED =
            AtomicIntegerFieldUpdater.newUpdater(ServerResponder.class, "answered");

    private final ServerConnection connection;
    private final long requestId;
    private volatile int answered;
    private int type;
    private byte[] payload;

    ServerResponder(ServerConnection connection, long requestId) {
        this.connection = connection;
        this.requestId = requestId;
    }

    @Override
    public void reply(int type, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (!Frame.isProtocolType(type)) {
            throw new IllegalArgumentException("message type " + type + " is reserved for the transport (use "
                    + Frame.FIRST_PROTOCOL_TYPE + " or above)");
        }
        if (payload.length > connection.maxFrameBytes()) {
            throw new IllegalArgumentException("reply of " + payload.length + " bytes exceeds the frame limit of "
                    + connection.maxFrameBytes());
        }
        if (!ANSWERED.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("request " + requestId + " was already answered");
        }
        this.type = type;
        this.payload = payload;
        connection.send(this);
    }

    /** Answers with {@link WireFormat#REQUEST_FAILED} because the handler threw, unless it already replied. */
    void failed(Throwable cause) {
        if (ANSWERED.compareAndSet(this, 0, 1)) {
            this.type = WireFormat.REQUEST_FAILED;
            this.payload = String.valueOf(cause).getBytes(StandardCharsets.UTF_8);
            connection.send(this);
        }
    }

    @Override
    public int maxPayloadBytes() {
        return connection.maxFrameBytes();
    }

    @Override
    public Optional<InetSocketAddress> remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public Optional<PeerIdentity> peerIdentity() {
        return connection.peerIdentity();
    }

    long requestId() {
        return requestId;
    }

    int type() {
        return type;
    }

    byte[] payload() {
        return payload;
    }
}
