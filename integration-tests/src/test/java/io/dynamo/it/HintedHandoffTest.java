package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sloppy quorum and hinted handoff (paper §4.6) with real processes: a node is killed, writes go
 * on with W=2, the survivors keep hints for it, and once it is back the hints reach it without
 * any read (read repair cannot be what brings the data).
 */
class HintedHandoffTest {
    private static final int KEYS = 10_000;
    private static final CacheSpec CACHE = CacheSpec.defaults("handoff", ConflictPolicy.SIBLINGS);

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).build();

    @Test
    void writesAcknowledgedWhileANodeIsDeadAreOnItWithinAMinuteOfItsRestartWithoutAnyRead() throws Exception {
        DynamoClient client = cluster.client();
        int victim = 2;
        cluster.kill(victim);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(64);
        for (int i = 0; i < KEYS; i++) {
            inFlight.acquire();
            int k = i;
            client.putAsync(CACHE, key(k), Context.empty(), value(k)).whenComplete((ctx, error) -> {
                if (error != null) {
                    failures.add(k + ": " + error);
                }
                inFlight.release();
            });
        }
        assertThat(inFlight.tryAcquire(64, 60, TimeUnit.SECONDS)).as("every write answered").isTrue();
        assertThat(failures).as("failed W=2 writes with one node of three dead").isEmpty();

        Member dead = cluster.member(victim);
        List<Member> survivors = new ArrayList<>(client.ring().members());
        survivors.remove(dead);
        // A replication that failed after its write was acknowledged may still be turning into a hint.
        await("hints kept for " + dead.id()).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(pendingFor(dead, survivors)).isEqualTo(KEYS));
        String hints = cluster.cli("admin", "hints", "--seeds", cluster.address(0));
        assertThat(hints).containsPattern(dead.id() + "\\s+" + KEYS + "\\s");

        cluster.start(victim);
        Set<Integer> missing = new LinkedHashSet<>();
        for (int i = 0; i < KEYS; i++) {
            missing.add(i);
        }
        // Checked on the restarted node alone, replica by replica: no quorum read, so no read repair.
        await("every write handed over to " + dead.id()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (Iterator<Integer> it = missing.iterator(); it.hasNext(); ) {
                        int k = it.next();
                        Optional<DvvSet> state = cluster.admin().readReplica(dead, CACHE.name(), key(k));
                        if (state.isPresent() && state.get().values().size() == 1
                                && new String(state.get().values().get(0).value(), StandardCharsets.UTF_8).equals("v" + k)) {
                            it.remove();
                        }
                    }
                    assertThat(missing).as("keys not yet on %s", dead.id()).isEmpty();
                });
        await("hints deleted once acknowledged").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(pendingFor(dead, client.ring().members())).isZero());
    }

    private static long pendingFor(Member owner, List<Member> holders) {
        long total = 0;
        for (Map<String, Long> pending : cluster.admin().hints(holders).values()) {
            total += pending.getOrDefault(owner.id().value(), 0L);
        }
        return total;
    }

    private static byte[] key(int k) {
        return ("hk-" + k).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int k) {
        return ("v" + k).getBytes(StandardCharsets.UTF_8);
    }
}
