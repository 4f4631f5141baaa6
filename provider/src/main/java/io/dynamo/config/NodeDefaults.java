package io.dynamo.config;

import io.dynamo.ring.Ring;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.SyncPolicy;
import io.dynamo.transport.TransportConfig;
import io.dynamo.version.HybridLogicalClock;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Every default of a node's settings, in one place: the {@code defaults()} of each settings
 * record and the defaults {@code bin/dynamo node} shows in its help are read from here.
 */
public final class NodeDefaults {
    private NodeDefaults() {}

    // storage
    public static final EngineKind ENGINE = EngineKind.ROCKSDB;
    public static final SyncPolicy SYNC = SyncPolicy.NONE;
    public static final int MAX_KEY_BYTES = EngineOptions.DEFAULT_MAX_KEY_BYTES;
    public static final int MAX_VALUE_BYTES = EngineOptions.DEFAULT_MAX_VALUE_BYTES;

    // replication: Q of the first ring (§4.2, strategy 3 of §6.2), and how many concurrent versions a key may keep
    public static final int PARTITIONS = Ring.DEFAULT_PARTITIONS;
    public static final int WARN_SIBLINGS = 25;
    public static final int MAX_SIBLINGS = 100;

    // reads: R-1 replicas asked besides the coordinator's own, the next one when one fails, times out or is held down,
    // and after the observed p95 of replica reads when those asked are slow (a hedge). Three alternated rounds with warm
    // nodes (README, Benchmarks): auto 9,302 ops/s and p99.9 7.5 ms against off's 8,852 and 8.3 (medians). The earlier
    // runs in which hedging cost a third to two thirds of the throughput measured node JVMs still compiling.
    public static final ReadConfig.Hedge HEDGE = ReadConfig.Hedge.AUTO;
    public static final Duration HEDGE_DELAY = Duration.ZERO;

    // membership (§4.8): one gossip round per interval; a node joining through seeds waits this long for one to answer
    public static final Duration GOSSIP_INTERVAL = Duration.ofSeconds(1);
    public static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(60);
    /** How long a node started with {@code --zk} waits for ZooKeeper before it falls back to the seeds it saved. */
    public static final Duration ZOOKEEPER_TIMEOUT = Duration.ofSeconds(5);

    // hinted handoff (§4.6): a pass over the stored hints per interval, each delivery bounded, at most BATCH in flight
    public static final boolean HINTED_HANDOFF = true;
    public static final Duration HANDOFF_INTERVAL = Duration.ofSeconds(1);
    public static final Duration HANDOFF_TIMEOUT = Duration.ofSeconds(5);
    public static final int HANDOFF_BATCH = 64;

    // rebalancing after a join or leave (§4.9): frames of a streamed partition (unacknowledged 1 MB frames at most), and the whole move of one partition
    public static final Duration STREAM_TIMEOUT = Duration.ofSeconds(10);
    public static final int STREAM_BATCH = 4;
    public static final Duration MOVE_TIMEOUT = Duration.ofMinutes(5);

    // anti-entropy (§4.7)
    public static final Duration ANTI_ENTROPY_INTERVAL = Duration.ofSeconds(60);
    public static final long REPAIR_BYTES_PER_SECOND = 8L * 1024 * 1024;
    public static final Duration TOMBSTONE_GRACE = Duration.ofHours(1);
    public static final int ANTI_ENTROPY_REPLICAS = 3;

    // clocks: how far ahead of this node a peer's timestamp may be, well above NTP skew, far below a poisoning value
    public static final Duration MAX_CLOCK_SKEW = HybridLogicalClock.DEFAULT_MAX_AHEAD;

    // transport: a frame holds the largest value with room for its key and envelope
    public static final int MAX_FRAME_BYTES = TransportConfig.DEFAULT_MAX_FRAME_BYTES;
    public static final Duration CONNECT_TIMEOUT = TransportConfig.DEFAULT_CONNECT_TIMEOUT;
    public static final int CONNECTIONS_PER_PEER = TransportConfig.DEFAULT_CONNECTIONS_PER_PEER;

    // metrics: no endpoint unless asked for
    public static final OptionalInt METRICS_PORT = OptionalInt.empty();

    /** Network threads: depends on the machine, see {@link TransportConfig#defaultEventLoopThreads()}. */
    public static int eventLoopThreads() {
        return TransportConfig.defaultEventLoopThreads();
    }
}
