package io.dynamo.metrics;

/**
 * One operation's figures at a node.
 *
 * @param requests       answered since start, whatever the outcome
 * @param perSecond      over the last ten seconds or so
 * @param quorumFailures requests short of their quorum at this coordinator
 * @param p50Millis      median latency of the successful ones (recent, Micrometer's decaying window)
 * @param p99Millis      99th percentile of the same
 */
public record OperationFigures(String operation, long requests, double perSecond, long quorumFailures, double p50Millis,
        double p99Millis) {}
