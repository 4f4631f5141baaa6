/**
 * Clusters of node processes on loopback, each node its own JVM: free distinct ports, the member
 * list, per-node options, start, SIGKILL, SIGTERM, restart, a bounded wait for readiness, one log
 * per node, and a close that stops everything it started. What {@code dynamo demo},
 * {@code dynamo bench-cluster}, the integration tests and the TCK's cluster run all use.
 */
package io.dynamo.launcher;
