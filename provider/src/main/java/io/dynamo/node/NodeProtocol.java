package io.dynamo.node;

import io.dynamo.admin.AdminMessage;
import io.dynamo.antientropy.AntiEntropyMessage;
import io.dynamo.bulk.BulkMessage;
import io.dynamo.consensus.ConsensusMessage;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.replica.ReplicaMessage;

/** The message families a node speaks: it serves them all, and uses the same codec for its calls to peers. */
final class NodeProtocol {
    static final MessageCodec CODEC = MessageCodec.of(CoordinatorMessage.FAMILY, ReplicaMessage.FAMILY, MembershipMessage.FAMILY,
            HandoffMessage.FAMILY, RebalanceMessage.FAMILY, AntiEntropyMessage.FAMILY, AdminMessage.FAMILY,
            ConsensusMessage.FAMILY, BulkMessage.FAMILY);

    private NodeProtocol() {}
}
