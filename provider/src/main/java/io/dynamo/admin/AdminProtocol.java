package io.dynamo.admin;

import io.dynamo.antientropy.AntiEntropyMessage;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.replica.ReplicaMessage;

/** The message families an operator's tools speak to nodes: every family, since admin looks at all of them. */
final class AdminProtocol {
    static final MessageCodec CODEC = MessageCodec.of(CoordinatorMessage.FAMILY, ReplicaMessage.FAMILY, MembershipMessage.FAMILY,
            HandoffMessage.FAMILY, RebalanceMessage.FAMILY, AntiEntropyMessage.FAMILY, AdminMessage.FAMILY);

    private AdminProtocol() {}
}
