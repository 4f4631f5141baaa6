package io.dynamo.client;

import io.dynamo.security.TlsFiles;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a client finds and talks to a cluster. An empty {@code cluster} name accepts whichever
 * cluster the seeds belong to (the handshake then checks nothing about the name). With
 * {@code tls}, every connection is TLS 1.3 with the client's certificate, and only nodes of the
 * cluster its certificate names are trusted to answer.
 */
public record ClientConfig(String cluster, List<InetSocketAddress> seeds, Duration requestTimeout, Optional<TlsFiles> tls) {
    public ClientConfig {
        if (tls == null) {
            throw new IllegalArgumentException("tls must be given (Optional.empty() for plain text)");
        }
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed HOST:PORT is needed");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
    }

    /** A plain-text client. */
    public ClientConfig(String cluster, List<InetSocketAddress> seeds, Duration requestTimeout) {
        this(cluster, seeds, requestTimeout, Optional.empty());
    }

    public ClientConfig withTls(Optional<TlsFiles> files) {
        return new ClientConfig(cluster, seeds, requestTimeout, files);
    }

    public static ClientConfig of(String seeds) {
        return new ClientConfig("", parseSeeds(seeds), Duration.ofSeconds(5));
    }

    /** Parses {@code host:port[,host:port...]}, with a clear error for anything else. */
    public static List<InetSocketAddress> parseSeeds(String spec) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("seed '" + s + "' is not HOST:PORT");
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed '" + s + "' has a bad port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("seed '" + s + "' has a port out of range");
            }
            out.add(InetSocketAddress.createUnresolved(s.substring(0, colon), port));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no seed given in '" + spec + "'");
        }
        return out;
    }
}
