package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.client.DynamoClient;
import io.dynamo.membership.MemberState;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gossip membership and failure detection across node processes, seen through the client and {@code admin status}. */
class MembershipTest {
    // n4 starts with --seeds of n1 only: it joins the gossip and owns nothing.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(4).joining(3, 0).build();

    @Test
    void aNodeStartedWithSeedsOnlyIsGossipedAsJoiningAndAKilledNodeIsSeenDownThenUpAgain() throws Exception {
        // A client of n2 alone: what n2's gossip and failure detector say.
        DynamoClient client = cluster.connect(cluster.address(1));
        AdminClient admin = cluster.admin(cluster.address(1));
        await("every node gossiped").atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(admin)).isEqualTo(Map.of(
                "n1", MemberState.UP, "n2", MemberState.UP, "n3", MemberState.UP, "n4", MemberState.JOINING)));
        assertThat(client.ring().members()).as("the ring is still the three static members").hasSize(3);
        String status = cluster.cli("admin", "status", "--seeds", cluster.address(2));
        assertThat(status).startsWith("0\n").containsPattern("n4\\s+" + cluster.address(3).replace(".", "\\.") + "\\s+joining\\s+0\\s");

        cluster.kill(2);
        await("n3 seen down by gossip").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(states(admin)).containsEntry("n3", MemberState.DOWN));
        String down = cluster.cli("admin", "status", "--seeds", cluster.address(0));
        assertThat(down).startsWith("3\n").containsPattern("n3\\s+\\S+\\s+down");

        cluster.start(2);
        await("n3 seen alive again").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(states(admin)).containsEntry("n3", MemberState.UP));
    }

    private static Map<String, MemberState> states(AdminClient admin) {
        Map<String, MemberState> out = new TreeMap<>();
        for (MemberView m : admin.members()) {
            out.put(m.member().id().value(), m.state());
        }
        return out;
    }
}
