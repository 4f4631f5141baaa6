package io.dynamo.config;

import io.dynamo.security.TlsFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A node's TLS: its certificate, key and the cluster's CA ({@code tls-cert}, {@code tls-key},
 * {@code tls-ca}; off by default, for loopback demos), and {@code insecure}, which lets a node
 * serve plain text on an address other hosts can reach (protected mode refuses that otherwise).
 */
public record TlsConfig(Optional<TlsFiles> files, boolean insecure) implements NodeConfig.Part {
    /** How to turn TLS on, for every refusal of protected mode. */
    static final String HOW_TO_TURN_ON = "start it with --tls-cert FILE --tls-key FILE --tls-ca FILE (make them with "
            + "'bin/dynamo admin certs --out DIR --nodes ...'), or give --insecure to serve plain text anyway";

    public TlsConfig {
        Check.given("tls", files);
    }

    public static TlsConfig defaults() {
        return new TlsConfig(Optional.empty(), false);
    }

    public static TlsConfig on(TlsFiles files) {
        return new TlsConfig(Optional.of(files), false);
    }

    public TlsConfig withInsecure(boolean insecure) {
        return new TlsConfig(files, insecure);
    }

    /**
     * Protected mode: a node that listens where other hosts can reach it must encrypt and
     * authenticate its traffic, and keep its key to itself, unless {@code insecure} says otherwise.
     *
     * @throws IllegalArgumentException saying how to turn TLS on
     */
    void checkProtected(String listenHost) {
        if (insecure || isLoopback(listenHost)) {
            return;
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("listen address " + listenHost + " is not a loopback address and TLS is off: "
                    + HOW_TO_TURN_ON);
        }
        if (files.get().keyReadableByOthers()) {
            throw new IllegalArgumentException(files.get().keyExposure() + " (a node listening on " + listenHost
                    + " refuses to start with it; --insecure starts anyway)");
        }
    }

    /** Whether {@code host} is a loopback address; a name that does not resolve is not (the node cannot listen there either). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
