package io.dynamo.transport;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportMetrics}. */
final class Counters {
    final LongAdder requestsSent = new LongAdder();
    final LongAdder responsesReceived = new LongAdder();
    final LongAdder requestsTimedOut = new LongAdder();
    final LongAdder requestsFailed = new LongAdder();
    final LongAdder requestsServed = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder protocolViolations = new LongAdder();
    final LongAdder readsPaused = new LongAdder();

    TransportMetrics snapshot() {
        return new TransportMetrics(requestsSent.sum(), responsesReceived.sum(), requestsTimedOut.sum(),
                requestsFailed.sum(), requestsServed.sum(), connectionsOpened.sum(), connectFailures.sum(),
                protocolViolations.sum(), readsPaused.sum());
    }
}
