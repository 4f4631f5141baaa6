package io.dynamo.client;

import io.dynamo.admin.AdminMessage;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.replica.ReplicaMessage;

/** The message families clients and admin tools speak to nodes (anti-entropy's admin has its own), and the codec that reads their answers. */
public final class ClientProtocol {
    public static final MessageCodec CODEC = MessageCodec.of(CoordinatorMessage.FAMILY, ReplicaMessage.FAMILY, MembershipMessage.FAMILY,
            HandoffMessage.FAMILY, RebalanceMessage.FAMILY, AdminMessage.FAMILY);

    private ClientProtocol() {}
}
