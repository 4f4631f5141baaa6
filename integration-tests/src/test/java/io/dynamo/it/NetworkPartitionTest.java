package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.membership.MemberState;
import io.dynamo.ring.Member;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.Sibling;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real network partition (iptables on per-node loopback addresses): one node cut from the
 * other two, a client on each side. The majority side writes with W=2 (its two nodes; hints for
 * the cut node); the minority side, a single node, can only write with W=1, and keeps hints for
 * the two it cannot reach. After healing, hinted handoff alone (no read) brings every
 * acknowledged write to every replica, and the writes both sides made to the same keys are
 * siblings.
 */
class NetworkPartitionTest {
    private static final int KEYS = 150;
    private static final CacheSpec MAJORITY = CacheSpec.defaults("partition", ConflictPolicy.SIBLINGS);
    private static final CacheSpec MINORITY = MAJORITY.withQuorums(3, 1, 1);

    // Each node on its own loopback address, apart from other runs' addresses; started once the test
    // knows it can cut links.
    private static final long PID = ProcessHandle.current().pid();
    private static final String NET = "127." + (20 + PID % 200) + "." + (PID / 200 % 250) + ".";

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).hosts(i -> NET + (11 + i)).startedByTest().build();

    private NetworkFaults faults;

    @AfterEach
    void cleanUp() {
        NetworkFaults.closeAndCheck(faults);
    }

    @Test
    void writesGoOnOnBothSidesOfACutAndAfterHealingNoneIsMissingAndConcurrentOnesAreSiblings() throws Exception {
        faults = NetworkFaults.openOrSkip();
        cluster.startAll();
        DynamoClient majority = client(0, cluster.address(0) + "," + cluster.address(1));
        DynamoClient minority = client(2, cluster.address(2));
        // Operators on each side: each asks its side's nodes what their failure detectors hold down.
        AdminClient majorityAdmin = cluster.admin(cluster.address(0) + "," + cluster.address(1), InetAddress.getByName(cluster.host(0)));
        AdminClient minorityAdmin = cluster.admin(cluster.address(2), InetAddress.getByName(cluster.host(2)));

        Map<String, Set<String>> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            put(majority, MAJORITY, "before-" + i, "b" + i, acknowledged);
        }

        faults.cut(cluster.host(2), cluster.host(0));
        faults.cut(cluster.host(2), cluster.host(1));

        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < KEYS; i++) {
                put(majority, MAJORITY, "both-" + i, "majority-" + i, acknowledged);
                put(majority, MAJORITY, "majority-only-" + i, "m" + i, acknowledged);
            }
        });
        CompletableFuture<Void> right = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < KEYS; i++) {
                put(minority, MINORITY, "both-" + i, "minority-" + i, acknowledged);
                put(minority, MINORITY, "minority-only-" + i, "n" + i, acknowledged);
            }
        });
        CompletableFuture.allOf(left, right).get();
        assertThat(acknowledged).as("acknowledged writes").hasSize(20 + 3 * KEYS);
        // Each side holds the other down (phi-accrual, fed by what each node sees itself).
        await("the majority holds the cut node down").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stateOf(majorityAdmin, cluster.id(2))).isEqualTo(MemberState.DOWN));
        await("the cut node holds the others down").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stateOf(minorityAdmin, cluster.id(0))).isEqualTo(MemberState.DOWN));

        // An observer from 127.0.0.1, which no rule cuts, sees the hints each side keeps for the other.
        try (DynamoClient observer = cluster.connect(cluster.seeds()); AdminClient operator = cluster.admin(cluster.seeds())) {
            List<Member> replicas = observer.ring().members();
            // Replications to the cut node still in flight become hints when they time out.
            await("hints kept on both sides").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Map<String, Long> forTarget = new LinkedHashMap<>();
                operator.hints(replicas).forEach((holder, pending) -> pending.forEach((owner, count) -> forTarget.merge(owner, count, Long::sum)));
                assertThat(forTarget.get(cluster.id(0))).as("hints the cut node keeps for n1").isEqualTo(2L * KEYS);
                assertThat(forTarget.get(cluster.id(1))).as("hints the cut node keeps for n2").isEqualTo(2L * KEYS);
                assertThat(forTarget.get(cluster.id(2))).as("hints the majority keeps for the cut node").isGreaterThanOrEqualTo(2L * KEYS);
            });
            for (int i = 0; i < KEYS; i++) {
                assertThat(operator.readReplica(replicas.get(2), MAJORITY.name(), bytes("majority-only-" + i)))
                        .as("a majority write on the cut node before healing").isEmpty();
            }

            faults.healAll();
            assertThat(faults.rules()).isZero();

            Map<String, Set<String>> pending = new LinkedHashMap<>(acknowledged);
            // Replica by replica, without any quorum read: hinted handoff is what heals.
            await("every acknowledged write on every replica").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        for (Iterator<Map.Entry<String, Set<String>>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                            Map.Entry<String, Set<String>> e = it.next();
                            boolean everywhere = true;
                            for (Member m : replicas) {
                                everywhere &= values(operator.readReplica(m, MAJORITY.name(), bytes(e.getKey()))).equals(e.getValue());
                            }
                            if (everywhere) {
                                it.remove();
                            }
                        }
                        assertThat(pending.keySet()).as("keys not yet the same on every replica").isEmpty();
                    });
            assertThat(acknowledged.get("both-7")).containsExactlyInAnyOrder("majority-7", "minority-7");
            assertThat(strings(observer.get(MAJORITY, bytes("both-7")).values())).containsExactlyInAnyOrder("majority-7", "minority-7");
        }
    }

    /** A write retried a few times (while failure detectors catch up with the cut); records it once acknowledged. */
    private static void put(DynamoClient client, CacheSpec cache, String key, String value, Map<String, Set<String>> acknowledged) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                client.put(cache, bytes(key), Context.empty(), bytes(value));
                synchronized (acknowledged) {
                    acknowledged.computeIfAbsent(key, k -> new HashSet<>()).add(value);
                }
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError("write of " + key + " failed after retries: " + last.getMessage(), last);
    }

    private static MemberState stateOf(AdminClient admin, String id) {
        for (MemberView m : admin.members()) {
            if (m.member().id().value().equals(id)) {
                return m.state();
            }
        }
        throw new AssertionError(id + " not in the view");
    }

    private static DynamoClient client(int side, String seeds) throws Exception {
        return cluster.connect(seeds, InetAddress.getByName(cluster.host(side)));
    }

    private static Set<String> values(Optional<DvvSet> state) {
        Set<String> out = new HashSet<>();
        state.ifPresent(s -> {
            for (Sibling v : s.values()) {
                out.add(new String(v.value(), StandardCharsets.UTF_8));
            }
        });
        return out;
    }
}
