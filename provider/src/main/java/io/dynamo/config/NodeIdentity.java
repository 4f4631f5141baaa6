package io.dynamo.config;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;

/**
 * Who a node is: its cluster (checked in every connection's handshake, so a node of another
 * cluster is refused) and its id with the address it listens at ({@code cluster}, {@code node-id},
 * {@code listen}). Its outgoing connections leave from the same host.
 */
public record NodeIdentity(String cluster, Member listen) implements NodeConfig.Part {
    public NodeIdentity {
        if (cluster == null || !cluster.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("cluster name must be 1-64 letters, digits, '.', '_' or '-', got '" + cluster + "'");
        }
        Check.given("listen", listen);
    }

    public NodeId id() {
        return listen.id();
    }

}
