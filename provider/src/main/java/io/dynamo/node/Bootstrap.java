package io.dynamo.node;

import io.dynamo.membership.MembershipMessage.MembersRequest;
import io.dynamo.membership.MembershipMessage.MembersResult;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.PeerClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a node started with seeds only learns the cluster: it asks the seeds in turn for their view until one answers. */
final class Bootstrap {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {}

    static MembershipView fetchView(PeerClient transport, List<InetSocketAddress> seeds, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> failures = new ArrayList<>();
        while (true) {
            failures.clear();
            for (InetSocketAddress seed : seeds) {
                try {
                    MembersResult r = (MembersResult) transport.call(seed, new MembersRequest(), Duration.ofSeconds(2))
                            .get(3, TimeUnit.SECONDS);
                    return MembershipView.decode(r.view());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while contacting the seeds");
                } catch (Exception e) {
                    failures.add(seed + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no seed answered within " + patience + ": " + failures);
            }
            log.info("no seed answers yet ({}), retrying", failures);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while contacting the seeds");
            }
        }
    }
}
