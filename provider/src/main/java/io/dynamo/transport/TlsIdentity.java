package io.dynamo.transport;

import io.dynamo.security.PeerIdentity;
import io.dynamo.security.Tls;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * The identity of a connection's peer, read once from its TLS session and kept on the channel:
 * every request on the connection comes from the same certificate. Requests arrive only after
 * the TLS handshake, whose trust manager already refused a peer without an identity.
 */
final class TlsIdentity {
    private static final AttributeKey<Optional<PeerIdentity>> PEER = AttributeKey.valueOf("dynamo-peer-identity");

    private TlsIdentity() {}

    static Optional<PeerIdentity> of(Channel channel) {
        Optional<PeerIdentity> known = channel.attr(PEER).get();
        if (known != null) {
            return known;
        }
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty(); // plain text
        }
        // Fail closed: on a TLS connection an unnamed peer must not pass for a plain-text one (served everything).
        PeerIdentity peer = Tls.peerOf(ssl.engine().getSession())
                .orElseThrow(() -> new IllegalStateException("a request on a TLS connection whose peer has no identity"));
        channel.attr(PEER).set(Optional.of(peer));
        return Optional.of(peer);
    }
}
