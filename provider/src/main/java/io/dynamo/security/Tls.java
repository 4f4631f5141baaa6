package io.dynamo.security;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS 1.3 contexts of one process, loaded once from its {@link TlsFiles}: as a server it
 * requires a client certificate (mutual authentication), as a client it presents its own. Peers
 * are trusted by {@link ClusterTrust}: chained to the CA and bound to this process's cluster, the
 * one its own certificate names.
 */
public final class Tls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /**
     * BoringSSL (netty-tcnative) where its native library loads, else the JDK's engine: TLS costs
     * CPU per record on the event loop, and the native engine spends less of it.
     */
    private static final SslProvider PROVIDER = OpenSsl.isAvailable() && OpenSsl.isCipherSuiteAvailable("TLS_AES_128_GCM_SHA256")
            ? SslProvider.OPENSSL : SslProvider.JDK;

    private final PeerIdentity self;
    private final SslContext server;
    private final SslContext client;

    private Tls(PeerIdentity self, SslContext server, SslContext client) {
        this.self = self;
        this.server = server;
        this.client = client;
    }

    /**
     * Reads the three files.
     *
     * @throws IllegalArgumentException naming the file that is not a certificate or key of ours
     */
    public static Tls load(TlsFiles files) {
        X509Certificate own = certificates("tls-cert", files).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tls-cert " + files.cert() + " holds no certificate"));
        PeerIdentity self = PeerIdentity.of(own).orElseThrow(() -> new IllegalArgumentException("tls-cert " + files.cert()
                + " carries no " + PeerIdentity.SCHEME + "CLUSTER/ROLE/NAME identity (make certificates with 'bin/dynamo admin certs')"));
        TrustManager trust = new ClusterTrust(caTrust(files), self.cluster());
        try {
            SslContext server = SslContextBuilder.forServer(files.cert().toFile(), files.key().toFile())
                    .sslProvider(PROVIDER).protocols(PROTOCOLS).trustManager(trust).clientAuth(ClientAuth.REQUIRE).build();
            // Peers are named by the dynamo:// identity in their certificate (ClusterTrust), not by
            // host name: Netty 4.2 checks host names by default, which would refuse every node.
            SslContext client = SslContextBuilder.forClient().keyManager(files.cert().toFile(), files.key().toFile())
                    .sslProvider(PROVIDER).protocols(PROTOCOLS).trustManager(trust).endpointIdentificationAlgorithm(null).build();
            return new Tls(self, server, client);
        } catch (IOException | IllegalArgumentException e) {
            // Netty names the file; its message holds no key material.
            throw new IllegalArgumentException("cannot use tls-cert " + files.cert() + " with tls-key " + files.key() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The TLS implementation in use: {@code OPENSSL} (BoringSSL) or {@code JDK}. */
    public static String provider() {
        return PROVIDER.name();
    }

    /** Who this process's certificate says it is. */
    public PeerIdentity self() {
        return self;
    }

    /**
     * Refuses a certificate that is not for {@code cluster} or not of {@code role}: a node started
     * with another cluster's certificate, or with a client's, would be refused by every peer.
     */
    public Tls requireSelf(String cluster, Role role) {
        if (!self.cluster().equals(cluster)) {
            throw new IllegalArgumentException("tls-cert is for cluster '" + self.cluster() + "', not '" + cluster + "' (" + self + ")");
        }
        if (self.role() != role) {
            throw new IllegalArgumentException("tls-cert is a " + self.role().text() + " certificate, a " + role.text()
                    + " needs a " + role.text() + " one (" + self + ")");
        }
        return this;
    }

    public SslHandler serverHandler(ByteBufAllocator alloc, Duration handshakeTimeout) {
        SslHandler h = server.newHandler(alloc);
        h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return h;
    }

    public SslHandler clientHandler(ByteBufAllocator alloc, String host, int port, Duration handshakeTimeout) {
        SslHandler h = client.newHandler(alloc, host, port);
        h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return h;
    }

    /** The identity of the peer of an established session; empty before the handshake or for an unnamed peer. */
    public static Optional<PeerIdentity> peerOf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? PeerIdentity.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException notYet) {
            return Optional.empty();
        }
    }

    private static X509ExtendedTrustManager caTrust(TlsFiles files) {
        Collection<X509Certificate> cas = certificates("tls-ca", files);
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("tls-ca " + files.ca() + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust tls-ca " + files.ca() + ": " + e.getMessage(), e);
        }
    }

    private static Collection<X509Certificate> certificates(String flag, TlsFiles files) {
        var file = flag.equals("tls-ca") ? files.ca() : files.cert();
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(flag + " " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
