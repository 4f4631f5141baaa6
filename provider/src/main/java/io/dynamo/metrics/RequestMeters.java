package io.dynamo.metrics;

import io.dynamo.coordinator.CoordinatorMessage.GetResult;
import io.dynamo.coordinator.CoordinatorMessage.WriteIncomplete;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.PeerClient;
import io.dynamo.protocol.QuorumNotReachedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of client requests at this node: a timer per operation and outcome (with
 * percentiles), quorum failures per operation, and the siblings each successful read returned.
 */
final class RequestMeters {
    static final List<String> OPERATIONS = List.of("get", "put", "delete", "cas");
    static final String OK = "ok";
    static final String QUORUM_FAILED = "quorum_failed";
    static final String ERROR = "error";
    private static final List<String> OUTCOMES = List.of(OK, QUORUM_FAILED, ERROR);

    private final Map<String, Map<String, Timer>> timers = new LinkedHashMap<>();
    private final Map<String, Counter> quorumFailures = new LinkedHashMap<>();
    private final DistributionSummary siblings;

    RequestMeters(MeterRegistry registry) {
        for (String op : OPERATIONS) {
            Map<String, Timer> byOutcome = new LinkedHashMap<>();
            for (String outcome : OUTCOMES) {
                byOutcome.put(outcome, Timer.builder("dynamo.requests").description("client requests coordinated (or forwarded) here")
                        .tag("operation", op).tag("outcome", outcome).publishPercentiles(0.5, 0.95, 0.99).register(registry));
            }
            timers.put(op, byOutcome);
            quorumFailures.put(op, Counter.builder("dynamo.quorum.failures")
                    .description("requests whose coordinator did not reach R or W replies (a put is kept and re-sent by the client)")
                    .tag("operation", op).register(registry));
        }
        siblings = DistributionSummary.builder("dynamo.read.siblings").description("concurrent versions returned by each read that found a value")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * Records one finished request. A put or delete short of W answers {@link WriteIncomplete}
     * (the client re-sends it elsewhere, §4.6); a get or compare-and-set fails with
     * {@link QuorumNotReachedException}: both count as quorum failures here.
     */
    void record(String operation, long nanos, Message reply, Throwable error) {
        String outcome = outcomeOf(reply, error);
        timers.get(operation).get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome.equals(QUORUM_FAILED)) {
            quorumFailures.get(operation).increment();
        }
        if (reply instanceof GetResult g && !g.values().isEmpty()) {
            siblings.record(g.values().size());
        }
    }

    private static String outcomeOf(Message reply, Throwable error) {
        if (error != null) {
            return PeerClient.unwrap(error) instanceof QuorumNotReachedException ? QUORUM_FAILED : ERROR;
        }
        return reply instanceof WriteIncomplete ? QUORUM_FAILED : OK;
    }

    /** Requests of {@code operation} answered so far, whatever their outcome. */
    long count(String operation) {
        long total = 0;
        for (Timer t : timers.get(operation).values()) {
            total += t.count();
        }
        return total;
    }

    long quorumFailures(String operation) {
        return (long) quorumFailures.get(operation).count();
    }

    /** The successful requests' latency at {@code percentile} (one of those published), in milliseconds; 0 before any. */
    double percentileMillis(String operation, double percentile) {
        for (var v : timers.get(operation).get(OK).takeSnapshot().percentileValues()) {
            if (v.percentile() == percentile) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }
}
