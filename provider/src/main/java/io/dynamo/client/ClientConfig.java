package io.dynamo.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a client finds and talks to a cluster. An empty {@code cluster} name accepts whichever
 * cluster the seeds belong to (the handshake then checks nothing about the name).
 */
public record ClientConfig(String cluster, List<InetSocketAddress> seeds, Duration requestTimeout) {
    public ClientConfig {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed HOST:PORT is needed");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
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
