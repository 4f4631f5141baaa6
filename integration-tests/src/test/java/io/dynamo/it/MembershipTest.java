package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.membership.MemberState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gossip membership and failure detection across node processes, seen through the client and {@code admin status}. */
class MembershipTest {
    private DynamoProcesses cluster;
    private DynamoClient client;
    private AdminClient admin;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeStartedWithSeedsOnlyIsGossipedAsJoiningAndAKilledNodeIsSeenDownThenUpAgain() throws Exception {
        cluster = new DynamoProcesses("it-members", 4, Path.of("target", "it-logs", "members-" + ProcessHandle.current().pid()).toAbsolutePath());
        cluster.extraArgs(3, "--seeds", cluster.address(0));
        cluster.startAll();
        client = DynamoClient.connect(new ClientConfig("it-members", ClientConfig.parseSeeds(cluster.address(1)), Duration.ofSeconds(5)));
        admin = AdminClient.connect(new ClientConfig("it-members", ClientConfig.parseSeeds(cluster.address(1)), Duration.ofSeconds(5)));

        await("every node gossiped").atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states()).isEqualTo(Map.of(
                "n1", MemberState.UP, "n2", MemberState.UP, "n3", MemberState.UP, "n4", MemberState.JOINING)));
        assertThat(client.ring().members()).as("the ring is still the three static members").hasSize(3);
        String status = HintedHandoffTest.cli("admin", "status", "--seeds", cluster.address(2));
        assertThat(status).startsWith("0\n").containsPattern("n4\\s+" + cluster.address(3).replace(".", "\\.") + "\\s+joining\\s+0\\s");

        cluster.kill(2);
        await("n3 seen down by gossip").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(states()).containsEntry("n3", MemberState.DOWN));
        String down = HintedHandoffTest.cli("admin", "status", "--seeds", cluster.address(0));
        assertThat(down).startsWith("3\n").containsPattern("n3\\s+\\S+\\s+down");

        cluster.start(2);
        await("n3 seen alive again").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(states()).containsEntry("n3", MemberState.UP));
    }

    private Map<String, MemberState> states() {
        Map<String, MemberState> out = new TreeMap<>();
        for (MemberView m : admin.members()) {
            out.put(m.member().id().value(), m.state());
        }
        return out;
    }
}
