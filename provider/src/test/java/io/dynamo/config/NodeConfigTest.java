package io.dynamo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.ring.Member;
import io.dynamo.ring.NodeId;
import io.dynamo.storage.SyncPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeConfigTest {
    private static final Member N1 = Member.parse("n1@127.0.0.1:7001");
    private static final Member N2 = Member.parse("n2@127.0.0.1:7002");
    private static final Path DIR = Path.of("target", "node-config-test");

    private static NodeConfig staticNode() {
        return NodeConfig.of(new NodeIdentity("shop", N1), Discovery.members(List.of(N1, N2)), StorageConfig.defaults(DIR));
    }

    @Test
    void aNodeBuiltWithOfRunsOnTheDocumentedDefaults() {
        NodeConfig c = staticNode();
        assertThat(c.storage()).isEqualTo(new StorageConfig(EngineKind.ROCKSDB, DIR, SyncPolicy.NONE, 64 * 1024, 16 * 1024 * 1024));
        assertThat(c.replication()).isEqualTo(new ReplicationConfig(256, 25, 100));
        assertThat(c.membership()).isEqualTo(new MembershipConfig(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5)));
        assertThat(c.handoff()).isEqualTo(new HandoffConfig(true, Duration.ofSeconds(1), Duration.ofSeconds(5), 64));
        assertThat(c.rebalance()).isEqualTo(new RebalanceConfig(Duration.ofSeconds(10), 4, Duration.ofMinutes(5)));
        assertThat(c.antiEntropy()).isEqualTo(new AntiEntropyConfig(Duration.ofSeconds(60), 8L << 20, Duration.ofHours(1), 3));
        assertThat(c.transport().forCluster(c.cluster())).isEqualTo(io.dynamo.transport.TransportConfig.defaults("shop"));
    }

    @Test
    void withReplacesOnlyTheConcernOfItsPart() {
        NodeConfig base = staticNode();
        HandoffConfig off = HandoffConfig.defaults().withEnabled(false);
        NodeConfig changed = base.with(off).with(base.replication().withPartitions(64));
        assertThat(changed.handoff()).isEqualTo(off);
        assertThat(changed.replication().partitions()).isEqualTo(64);
        assertThat(changed.with(base.handoff()).with(base.replication())).isEqualTo(base);
    }

    @Test
    void selfIsTheMemberEntryOfAStaticClusterAndTheListenAddressOfAJoiningNode() {
        Member zoned = Member.parse("n1@127.0.0.1:7001/zone-a");
        NodeConfig member = NodeConfig.of(new NodeIdentity("shop", N1), Discovery.members(List.of(zoned, N2)), StorageConfig.defaults(DIR));
        assertThat(member.selfMember()).isEqualTo(zoned);
        NodeConfig joining = NodeConfig.of(new NodeIdentity("shop", Member.parse("n3@127.0.0.1:7003")),
                Discovery.seeds(List.of(InetSocketAddress.createUnresolved("127.0.0.1", 7001))), StorageConfig.defaults(DIR));
        assertThat(joining.selfMember()).isEqualTo(Member.parse("n3@127.0.0.1:7003"));
        assertThat(joining.self()).isEqualTo(new NodeId("n3"));
    }

    static Stream<Arguments> badSettings() {
        NodeIdentity n1 = new NodeIdentity("shop", N1);
        StorageConfig storage = StorageConfig.defaults(DIR);
        Duration second = Duration.ofSeconds(1);
        return Stream.of(
                bad("cluster name", () -> new NodeIdentity("no spaces", N1),
                        "cluster name must be 1-64 letters, digits, '.', '_' or '-', got 'no spaces'"),
                bad("no discovery", () -> new Discovery(List.of(), List.of(), Optional.empty()),
                        "give members (a new cluster), seeds (join an existing one) or zk"),
                bad("zk beside members", () -> new Discovery(List.of(N1), List.of(), Optional.of(ZkAddress.parse("zk:2181"))),
                        "zk replaces members and seeds: give one or the other"),
                bad("member twice", () -> Discovery.members(List.of(N1, Member.parse("n1@127.0.0.1:7009"))),
                        "node id n1 appears twice in the member list"),
                bad("self not a member", () -> NodeConfig.of(n1, Discovery.members(List.of(N2)), storage),
                        "this node's id n1 is not in the member list [n2]"),
                bad("listen elsewhere", () -> NodeConfig.of(new NodeIdentity("shop", Member.parse("n1@127.0.0.1:7009")),
                        Discovery.members(List.of(N1)), storage),
                        "listen 127.0.0.1:7009 differs from this node's entry in members (127.0.0.1:7001)"),
                bad("value larger than a frame",
                        () -> NodeConfig.of(n1, Discovery.members(List.of(N1)), storage.withMaxValueBytes(32 << 20)),
                        "max-key-bytes + max-value-bytes (33619968) must be below max-frame-bytes (17825792)"),
                bad("data dir", () -> new StorageConfig(EngineKind.MEMORY, null, SyncPolicy.NONE, 1, 1), "data-dir must be given"),
                bad("key limit", () -> new StorageConfig(EngineKind.MEMORY, DIR, SyncPolicy.NONE, 0, 1), "max-key-bytes must be at least 1, got 0"),
                bad("value limit", () -> new StorageConfig(EngineKind.MEMORY, DIR, SyncPolicy.NONE, 1, -5), "max-value-bytes must be at least 1, got -5"),
                bad("partitions", () -> ReplicationConfig.defaults().withPartitions(100), "partitions must be a power of two, got 100"),
                bad("no partitions", () -> ReplicationConfig.defaults().withPartitions(0), "partitions must be a power of two, got 0"),
                bad("warn siblings", () -> new ReplicationConfig(256, 0, 100), "warn-siblings must be at least 1, got 0"),
                bad("max siblings", () -> new ReplicationConfig(256, 25, 10), "max-siblings must be at least 25, got 10"),
                bad("gossip", () -> new MembershipConfig(Duration.ZERO, second, second), "gossip-interval must be positive, got PT0S"),
                bad("bootstrap", () -> new MembershipConfig(second, Duration.ofSeconds(-1), second), "bootstrap-timeout must be positive, got PT-1S"),
                bad("zookeeper", () -> new MembershipConfig(second, second, null), "zookeeper-timeout must be given"),
                bad("handoff interval", () -> new HandoffConfig(true, Duration.ZERO, second, 1), "handoff-interval must be positive, got PT0S"),
                bad("handoff timeout", () -> new HandoffConfig(true, second, Duration.ofMillis(-1), 1),
                        "handoff-timeout must be positive, got PT-0.001S"),
                bad("handoff batch", () -> new HandoffConfig(true, second, second, 0), "handoff-batch must be at least 1, got 0"),
                bad("stream timeout", () -> new RebalanceConfig(Duration.ZERO, 1, second), "stream-timeout must be positive, got PT0S"),
                bad("stream batch", () -> new RebalanceConfig(second, 0, second), "stream-batch must be at least 1, got 0"),
                bad("move timeout", () -> new RebalanceConfig(second, 1, Duration.ZERO), "move-timeout must be positive, got PT0S"),
                bad("anti-entropy interval", () -> new AntiEntropyConfig(Duration.ofSeconds(-1), 1 << 20, second, 3),
                        "anti-entropy-interval must not be negative, got PT-1S"),
                bad("repair rate", () -> new AntiEntropyConfig(second, 100, second, 3), "repair-rate must be at least 1 KiB/s, got 100 bytes/s"),
                bad("repair rate text", () -> AntiEntropyConfig.parseRate("fast"),
                        "repair-rate must be bytes per second such as 8MiB, 512KiB or 1000000, got 'fast'"),
                bad("tombstone grace", () -> new AntiEntropyConfig(second, 1 << 20, Duration.ofHours(-1), 3),
                        "tombstone-grace must not be negative, got PT-1H"),
                bad("anti-entropy replicas", () -> new AntiEntropyConfig(second, 1 << 20, second, 0),
                        "anti-entropy-replicas must be at least 1, got 0"),
                bad("frame", () -> new TransportSettings(0, second, 1, 1), "max-frame-bytes must be at least 1, got 0"),
                bad("connect timeout", () -> new TransportSettings(1, Duration.ZERO, 1, 1), "connect-timeout must be positive, got PT0S"),
                bad("connections", () -> new TransportSettings(1, second, 0, 1), "connections-per-peer must be at least 1, got 0"),
                bad("threads", () -> new TransportSettings(1, second, 1, 0), "event-loop-threads must be at least 1, got 0"),
                bad("engine", () -> EngineKind.parse("leveldb"), "unknown engine 'leveldb' (rocksdb, memory)"));
    }

    private static Arguments bad(String setting, ThrowingCallable build, String message) {
        return Arguments.of(setting, build, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingIsRefusedWithAnErrorNamingItAndItsValue(String setting, ThrowingCallable build, String message) {
        assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void ratesReadBackAsTheyAreWritten() {
        for (long rate : new long[] {8L << 20, 512L << 10, 3L << 30, 1500}) {
            assertThat(AntiEntropyConfig.parseRate(AntiEntropyConfig.formatRate(rate))).isEqualTo(rate);
        }
        assertThat(AntiEntropyConfig.formatRate(8L << 20)).isEqualTo("8MiB");
    }

    /** A node reachable from other hosts (a literal address: nothing is resolved or sent). */
    private static NodeConfig reachable(TlsConfig tls) {
        Member self = Member.parse("n1@192.0.2.10:7001");
        return NodeConfig.of(new NodeIdentity("shop", self), Discovery.members(List.of(self)), StorageConfig.defaults(DIR)).with(tls);
    }

    private static void start(NodeConfig config) {
        config.checkProtectedMode();
    }

    @Test
    void protectedModeRefusesPlainTextOffLoopbackAndSaysHowToTurnTlsOn() {
        assertThatThrownBy(() -> start(reachable(TlsConfig.defaults())))
                .hasMessageContaining("192.0.2.10 is not a loopback address and TLS is off")
                .hasMessageContaining("--tls-cert FILE --tls-key FILE --tls-ca FILE")
                .hasMessageContaining("admin certs")
                .hasMessageContaining("--insecure");
        start(reachable(TlsConfig.defaults().withInsecure(true)));
        start(staticNode()); // loopback: TLS stays off by default
        assertThat(staticNode().tls()).isEqualTo(TlsConfig.defaults());
    }

    @Test
    void protectedModeRefusesAKeyOthersCanReadAndAcceptsOneOnlyItsOwnerReads(@org.junit.jupiter.api.io.TempDir Path certs)
            throws Exception {
        io.dynamo.security.ClusterCertificates.write(certs, "shop", java.util.Map.of(io.dynamo.security.Role.NODE, List.of("n1")));
        io.dynamo.security.TlsFiles files = new io.dynamo.security.TlsFiles(certs.resolve("n1.pem"), certs.resolve("n1.key"),
                certs.resolve("ca.pem"));
        start(reachable(TlsConfig.on(files)));
        java.nio.file.Files.setPosixFilePermissions(files.key(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> start(reachable(TlsConfig.on(files)))).hasMessageContaining("is readable by other users: chmod 600");
        start(reachable(TlsConfig.on(files).withInsecure(true)));
    }
}
