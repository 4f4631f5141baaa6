package io.dynamo.protocol;

import io.dynamo.security.Role;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Who sent a request, as far as the connection tells: nodes connect from their own listen
 * address (DESIGN decision 10), so for a node the address names it; with TLS on, {@code role} is
 * the one its certificate carries. Empty on a plain-text connection, which is served everything,
 * as before TLS.
 */
public record Caller(Optional<InetSocketAddress> address, Optional<Role> role) {
    public static final Caller UNKNOWN = new Caller(Optional.empty(), Optional.empty());

    public Caller(Optional<InetSocketAddress> address) {
        this(address, Optional.empty());
    }

    /** Whether this caller may send a request that serves {@code roles}: any unauthenticated caller may, as before TLS. */
    public boolean mayAsk(java.util.Set<Role> roles) {
        return role.map(roles::contains).orElse(true);
    }
}
