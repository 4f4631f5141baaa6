package io.dynamo.node;

import io.dynamo.config.NodeConfig;
import io.dynamo.metrics.MetricSources;
import io.dynamo.metrics.MetricsServer;
import io.dynamo.metrics.NodeMetrics;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's metrics when asked for. Micrometer is an optional dependency of the provider (an
 * application that only uses the client does not carry it), so its absence is said in one line.
 */
final class MetricsStart {
    private static final Logger log = LoggerFactory.getLogger(MetricsStart.class);

    private MetricsStart() {
    }

    static NodeMetrics metrics(MetricSources sources) {
        try {
            return new NodeMetrics(sources);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("metrics-port needs io.micrometer:micrometer-registry-prometheus on the class path (missing: "
                    + e.getMessage() + ")", e);
        }
    }

    /** The endpoint on the node's listen host; the port chosen is logged and printed, for a port of 0. */
    static MetricsServer serve(NodeConfig config, NodeMetrics metrics) {
        String host = config.selfMember().host();
        MetricsServer server = MetricsServer.start(new InetSocketAddress(host, config.metrics().port().orElseThrow()), metrics);
        log.info("node {}: metrics on http://{}:{}/metrics, status page on http://{}:{}/", config.self(), host, server.address().getPort(),
                host, server.address().getPort());
        return server;
    }
}
