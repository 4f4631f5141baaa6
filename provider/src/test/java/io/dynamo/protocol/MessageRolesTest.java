package io.dynamo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.admin.AdminMessage;
import io.dynamo.antientropy.AntiEntropyMessage;
import io.dynamo.bulk.BulkMessage;
import io.dynamo.consensus.ConsensusMessage;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which certificate roles each request is served to: the table a client, an operator and a node rely on. */
class MessageRolesTest {
    private static final List<MessageFamily> NODE_FAMILIES = List.of(CoordinatorMessage.FAMILY, ReplicaMessage.FAMILY,
            MembershipMessage.FAMILY, HandoffMessage.FAMILY, RebalanceMessage.FAMILY, AntiEntropyMessage.FAMILY, AdminMessage.FAMILY,
            ConsensusMessage.FAMILY, BulkMessage.FAMILY);

    private static Map<String, Set<Role>> servedTo() {
        Map<String, Set<Role>> out = new TreeMap<>();
        for (MessageFamily f : NODE_FAMILIES) {
            for (MessageFamily.MessageType<?> t : f.types()) {
                out.put(t.type().getSimpleName(), f.servedTo(t));
            }
        }
        return out;
    }

    @Test
    void clientsGetDataAndTheRingOnly() {
        Map<String, Set<Role>> served = servedTo();
        assertThat(served.entrySet().stream().filter(e -> e.getValue().contains(Role.CLIENT)).map(Map.Entry::getKey)).containsExactlyInAnyOrder(
                "Get", "Put", "Delete", "CompareAndSet", "CacheKeys", "RingRequest", "BulkPut",
                // replies, never requests: the router refuses them whoever sends them
                "GetResult", "PutResult", "CasResult", "KeysResult", "WriteIncomplete");
    }

    @Test
    void operatorsGetAdminRequestsButNoInternalOnes() {
        Map<String, Set<Role>> served = servedTo();
        for (String internal : List.of("ReplicaWrite", "Gossip", "HintedWrite", "StreamPartition", "SyncPartition", "StreamEntries", "PartitionSize",
                "TreeRoots", "TreeHashes",
                "LeafDigests", "FetchEntries", "PushEntries", "Purge", "Prepare", "Propose", "Commit", "BulkReplicaWrite")) {
            assertThat(served.get(internal)).as(internal).containsExactly(Role.NODE);
        }
        for (String operator : List.of("StatusRequest", "MembersRequest", "HintsRequest", "Change", "ChangeStatus", "TreeSummary",
                "RepairStart", "RepairStatus", "AntiEntropySettings", "ReplicaRead")) {
            assertThat(served.get(operator)).as(operator).containsExactlyInAnyOrder(Role.ADMIN, Role.NODE);
        }
        assertThat(served.values()).allSatisfy(roles -> assertThat(roles).contains(Role.NODE));
    }

    @Test
    void aFamilyThatNamesNoRoleServesNodesOnlyAndOneThatServesNoneIsRefused() {
        assertThat(MessageFamily.of("x").servedTo()).containsExactly(Role.NODE);
        assertThatThrownBy(() -> MessageFamily.of("x", Set.of())).hasMessageContaining("must serve some role");
    }
}
