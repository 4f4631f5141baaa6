package io.dynamo.metrics;

import io.dynamo.antientropy.ExchangeStats;
import io.dynamo.coordinator.CoordinatorStats;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a node's metrics read, each at the moment they are read: the concept packages keep their
 * own counts, and this package only binds them to meters (no metrics calls on their paths).
 *
 * @param members       every member as this node sees it, itself included
 * @param hintsPending  hints held here per intended owner (paper §4.6)
 * @param hintsDelivered hints acknowledged by their owners since start
 * @param antiEntropy   keys and bytes moved by periodic exchanges (§4.7)
 * @param repairs       keys and bytes moved by on-demand repairs started here
 * @param rebalance     the join or leave planned here, if any (§4.9)
 * @param engineKeys    keys in the storage engine (approximate, as the engine counts them)
 * @param engineBytes   bytes of the engine's files on disk (0 for the memory engine)
 */
public record MetricSources(String self, String engine, Supplier<List<PeerState>> members, Supplier<Map<String, Long>> hintsPending,
        LongSupplier hintsDelivered, Supplier<CoordinatorStats> coordinator, ExchangeStats antiEntropy, ExchangeStats repairs,
        Supplier<ChangeProgress> rebalance, LongSupplier engineKeys, LongSupplier engineBytes) {}
