package io.dynamo.config;

import java.util.OptionalInt;

/**
 * The node's metrics endpoint ({@code metrics-port}): Prometheus text on {@code /metrics} and a
 * status page on {@code /}, plain HTTP on the node's listen address. Off by default (a node opens
 * no port it was not asked for); port 0 takes a free port, which the node logs.
 */
public record MetricsConfig(OptionalInt port) implements NodeConfig.Part {
    public MetricsConfig {
        Check.given("metrics-port", port);
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65_535)) {
            throw new IllegalArgumentException("metrics-port must be between 0 and 65535, got " + port.getAsInt());
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(NodeDefaults.METRICS_PORT);
    }

    /** Metrics served on {@code port} (0: a free one). */
    public static MetricsConfig on(int port) {
        return new MetricsConfig(OptionalInt.of(port));
    }

    public boolean enabled() {
        return port.isPresent();
    }
}
