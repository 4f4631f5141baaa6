package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A join whose nodes crash mid-transfer: the joining node is dead when the transfer starts (the
 * planner waits for it), and the planner itself is killed before it is done; after both restart,
 * the planner resumes the saved plan by itself and completes it.
 */
class RebalanceResumeTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("resume", ConflictPolicy.SIBLINGS);
    private static final int KEYS = 2_000;

    // n4 starts with --seeds of n2 only: it joins the gossip, owning nothing until the join planned below.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(4).joining(3, 1).build();

    @Test
    void aJoinResumesAfterTheJoiningNodeAndThePlannerCrashedMidTransfer() throws Exception {
        DynamoClient client = cluster.connect(cluster.address(0));
        AdminClient admin = cluster.admin(cluster.address(0));
        Semaphore inFlight = new Semaphore(64);
        for (int i = 0; i < KEYS; i++) {
            inFlight.acquire();
            client.putAsync(CACHE, bytes("k" + i), Context.empty(), bytes("v" + i)).whenComplete((c, e) -> inFlight.release());
        }
        assertThat(inFlight.tryAcquire(64, 60, TimeUnit.SECONDS)).isTrue();

        cluster.kill(3); // the joining node dies before its data arrives
        ChangeProgress started = admin.change(true, "n4@" + cluster.address(3));
        assertThat(started.running()).isTrue();
        TimeUnit.SECONDS.sleep(2);
        ChangeProgress waiting = admin.changeStatus();
        assertThat(waiting.running()).as("the planner waits for the joining node").isTrue();
        assertThat(waiting.moved()).isZero();

        cluster.kill(0); // the planner crashes mid-change
        cluster.start(3);
        cluster.start(0);
        try (AdminClient planner = cluster.admin(cluster.address(0))) {
            await("the planner resumes and completes the saved plan").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        ChangeProgress p = statusAt(planner);
                        assertThat(p.description()).startsWith("resumed join of n4");
                        assertThat(p.error()).isEmpty();
                        assertThat(p.running()).isFalse();
                        assertThat(p.moved()).isEqualTo(p.total());
                    });
        }
        Ring end;
        try (DynamoClient fresh = cluster.connect(cluster.address(2))) {
            end = fresh.ring();
        }
        assertThat(end.members()).hasSize(4);
        assertThat(Collections.max(end.partitionCounts().values()) - Collections.min(end.partitionCounts().values())).isLessThanOrEqualTo(1);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < KEYS; i += 7) {
            byte[] key = bytes("k" + i);
            for (Member m : end.preferenceList(end.partitionOf(key), 3).primaries()) {
                if (admin.readReplica(m, CACHE.name(), key).isEmpty()) {
                    missing.add("k" + i + "@" + m.id());
                }
            }
        }
        assertThat(missing).as("keys missing on a replica of the final ring").isEmpty();
    }

    private static ChangeProgress statusAt(AdminClient planner) {
        return planner.changeStatus();
    }
}
