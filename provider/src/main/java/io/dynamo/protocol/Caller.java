package io.dynamo.protocol;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Who sent a request, as far as the connection tells: nodes connect from their own listen
 * address (DESIGN decision 10), so for a node the address names it.
 */
public record Caller(Optional<InetSocketAddress> address) {
    public static final Caller UNKNOWN = new Caller(Optional.empty());
}
