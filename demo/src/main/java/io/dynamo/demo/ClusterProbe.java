package io.dynamo.demo;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.client.ClientConfig;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the operator's client says of the demo's cluster: members, hints pending, and waits on them. */
final class ClusterProbe implements AutoCloseable {
    /** A node that just started, or is streaming, answers an operator's request slowly: the figures must not wait on it as long. */
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration OPERATOR_TIMEOUT = Duration.ofSeconds(10);

    private final AdminClient sampler;
    private final AdminClient admin;

    ClusterProbe(DemoCluster cluster) {
        this.sampler = connect(cluster, SAMPLE_TIMEOUT);
        this.admin = connect(cluster, OPERATOR_TIMEOUT);
    }

    private static AdminClient connect(DemoCluster cluster, Duration timeout) {
        return AdminClient.connect(new ClientConfig(DemoCluster.NAME, ClientConfig.parseSeeds(cluster.seeds()), timeout, cluster.tls()));
    }

    AdminClient admin() {
        return admin;
    }

    /** Hints held by every member that answers, for any target (§4.6); -1 when no member answered. */
    long hintsPending() {
        try {
            List<Member> all = new ArrayList<>();
            for (MemberView m : sampler.members()) {
                all.add(m.member());
            }
            Map<String, Map<String, Long>> byHolder = sampler.hints(all);
            if (byHolder.isEmpty()) {
                return -1;
            }
            return byHolder.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    /** Polls {@code condition} every 200 ms for at most {@code patience}; whether it held. */
    static boolean await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        sampler.close();
        admin.close();
    }
}
