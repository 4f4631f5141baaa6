package io.dynamo.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts a peer whose certificate chains to the cluster's CA (the JDK's PKIX check) and names this
 * cluster; as a client, only a {@code node} certificate is trusted to answer. Both checks run in
 * the TLS handshake, so a refused peer never gets a byte of the protocol through.
 */
final class ClusterTrust extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTrust.class);

    private final X509ExtendedTrustManager chain;
    private final String cluster;

    ClusterTrust(X509ExtendedTrustManager chain, String cluster) {
        this.chain = chain;
        this.cluster = cluster;
    }

    /** The identity of a peer certificate that may talk to this cluster, or why not. */
    static PeerIdentity check(X509Certificate leaf, String cluster, boolean mustBeNode) throws CertificateException {
        Optional<PeerIdentity> identity = PeerIdentity.of(leaf);
        if (identity.isEmpty()) {
            throw new CertificateException("certificate of " + leaf.getSubjectX500Principal().getName()
                    + " carries no " + PeerIdentity.SCHEME + "CLUSTER/ROLE/NAME identity");
        }
        PeerIdentity peer = identity.get();
        if (!peer.cluster().equals(cluster)) {
            throw new CertificateException("certificate " + peer + " is for cluster '" + peer.cluster() + "', not '" + cluster + "'");
        }
        if (mustBeNode && peer.role() != Role.NODE) {
            throw new CertificateException("certificate " + peer + " is not a node's: only nodes serve requests");
        }
        return peer;
    }

    /** The JDK's chain check of one of the six entry points. */
    @FunctionalInterface
    private interface ChainCheck {
        void run() throws CertificateException;
    }

    /**
     * Chain, then identity; a refusal is logged here, where its reason is known (a native TLS
     * engine reports only a generic handshake failure), naming the certificate, never its key.
     */
    private void verify(ChainCheck chainCheck, X509Certificate[] certs, boolean peerServes) throws CertificateException {
        try {
            chainCheck.run();
            check(certs[0], cluster, peerServes);
        } catch (CertificateException refused) {
            LOG.warn("refusing the TLS certificate of {}: {}", certs.length > 0 ? certs[0].getSubjectX500Principal().getName() : "?",
                    refused.getMessage());
            throw refused;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
        verify(() -> chain.checkClientTrusted(certs, authType, engine), certs, false);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
        verify(() -> chain.checkServerTrusted(certs, authType, engine), certs, true);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        verify(() -> chain.checkClientTrusted(certs, authType, socket), certs, false);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        verify(() -> chain.checkServerTrusted(certs, authType, socket), certs, true);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        verify(() -> chain.checkClientTrusted(certs, authType), certs, false);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        verify(() -> chain.checkServerTrusted(certs, authType), certs, true);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
