package io.dynamo.launcher;

import java.util.Objects;

/** Where one node of a local cluster listens: its id and its loopback address. */
public record NodeAddress(String id, String host, int port) {
    public NodeAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port of " + id + " must be between 1 and 65535, got " + port);
        }
    }

    /** {@code HOST:PORT}, what {@code --listen} and {@code --seeds} take. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code ID@HOST:PORT}, an entry of {@code --members}. */
    public String member() {
        return id + "@" + address();
    }
}
