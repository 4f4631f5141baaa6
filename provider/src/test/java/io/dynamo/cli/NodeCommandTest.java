package io.dynamo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.config.AntiEntropyConfig;
import io.dynamo.config.ClockConfig;
import io.dynamo.config.Discovery;
import io.dynamo.config.EngineKind;
import io.dynamo.config.HandoffConfig;
import io.dynamo.config.MetricsConfig;
import io.dynamo.config.NodeConfig;
import io.dynamo.config.NodeIdentity;
import io.dynamo.config.ReadConfig;
import io.dynamo.config.StorageConfig;
import io.dynamo.config.ZkAddress;
import io.dynamo.ring.Member;
import io.dynamo.storage.SyncPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code bin/dynamo node}'s flags as the configuration they give, without starting a node. */
class NodeCommandTest {
    private static final String[] REQUIRED = {"--cluster", "shop", "--node-id", "n1", "--listen", "127.0.0.1:7001", "--data-dir", "d"};

    private static NodeConfig configOf(String... flags) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(Stream.concat(Stream.of(REQUIRED), Stream.of(flags)).toArray(String[]::new));
        return command.config();
    }

    @Test
    void flagsLeftOutGiveTheDefaultsOfTheConfiguration() {
        Member n1 = Member.parse("n1@127.0.0.1:7001");
        assertThat(configOf("--members", "n1@127.0.0.1:7001"))
                .isEqualTo(NodeConfig.of(new NodeIdentity("shop", n1), Discovery.members(List.of(n1)), StorageConfig.defaults(Path.of("d"))));
    }

    @Test
    void helpShowsTheDefaultsOfTheConfiguration() {
        String help = new CommandLine(new NodeCommand()).getUsageMessage();
        assertThat(help).contains("(default: 60s)", "(default: 8MiB)", "(default: 1h)", "(default: 3)", "(default: 256)",
                "(default: rocksdb)", "(default: none)");
    }

    @Test
    void hedgingFollowsTheObservedP95ByDefaultAndTakesOffOrADuration() {
        assertThat(configOf("--members", "n1@127.0.0.1:7001").read()).isEqualTo(ReadConfig.auto());
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--hedge-delay", "auto").read()).isEqualTo(ReadConfig.auto());
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--hedge-delay", "off").read()).isEqualTo(ReadConfig.off());
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--hedge-delay", "5ms").read())
                .isEqualTo(ReadConfig.fixed(Duration.ofMillis(5)));
        assertThat(new CommandLine(new NodeCommand()).getUsageMessage().replaceAll("\\s+", " ")).contains("--hedge-delay=auto|DURATION|off")
                .contains("only when one fails or times out (default: auto)");
    }

    @Test
    void everyFlagReachesItsSetting() {
        NodeConfig c = configOf("--seeds", "127.0.0.1:7002,127.0.0.1:7003", "--engine", "memory", "--sync", "every-write",
                "--partitions", "64", "--hinted-handoff", "off", "--anti-entropy-interval", "0", "--repair-rate", "512KiB",
                "--tombstone-grace", "2h", "--anti-entropy-replicas", "2", "--max-clock-skew", "10s", "--clock-offset-ms", "-10000");
        assertThat(c.discovery().seeds()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 7002),
                InetSocketAddress.createUnresolved("127.0.0.1", 7003));
        assertThat(c.selfMember()).isEqualTo(Member.parse("n1@127.0.0.1:7001"));
        assertThat(c.storage().engine()).isEqualTo(EngineKind.MEMORY);
        assertThat(c.storage().sync()).isEqualTo(SyncPolicy.EVERY_WRITE);
        assertThat(c.replication().partitions()).isEqualTo(64);
        assertThat(c.handoff()).isEqualTo(HandoffConfig.defaults().withEnabled(false));
        assertThat(c.antiEntropy()).isEqualTo(new AntiEntropyConfig(Duration.ZERO, 512 * 1024, Duration.ofHours(2), 2));
        assertThat(c.clock()).isEqualTo(new ClockConfig(Duration.ofSeconds(10), Duration.ofSeconds(-10)));
        assertThat(configOf("--zk", "127.0.0.1:2181/dynamo").discovery().zk()).contains(ZkAddress.parse("127.0.0.1:2181/dynamo"));
    }

    @Test
    void metricsAreOffUnlessAPortIsGivenAndZeroMeansAFreePort() {
        assertThat(configOf("--members", "n1@127.0.0.1:7001").metrics().enabled()).isFalse();
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--metrics-port", "off").metrics().enabled()).isFalse();
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--metrics-port", "9100").metrics()).isEqualTo(MetricsConfig.on(9100));
        assertThat(configOf("--members", "n1@127.0.0.1:7001", "--metrics-port", "0").metrics().port()).hasValue(0);
        assertThat(new CommandLine(new NodeCommand()).getUsageMessage().replaceAll("\\s+", " ")).contains("--metrics-port=PORT|off")
                .contains("0 = a free port (logged) (default: off)");
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(new String[] {}, "give members (a new cluster), seeds (join an existing one) or zk"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--zk", "127.0.0.1:2181"}, "zk replaces members and seeds"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7009"}, "listen 127.0.0.1:7001 differs from this node's entry"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--partitions", "100"}, "partitions must be a power of two, got 100"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--sync", "sometimes"}, "--sync must be none or every-write"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--hinted-handoff", "maybe"}, "--hinted-handoff must be on or off"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--repair-rate", "10"}, "repair-rate must be at least 1 KiB/s"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--tombstone-grace", "soon"}, "--tombstone-grace must be a duration"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--metrics-port", "web"}, "--metrics-port must be a port (0 for a free one) or off, got 'web'"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--metrics-port", "70000"}, "metrics-port must be between 0 and 65535, got 70000"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--max-clock-skew", "0"}, "max-clock-skew must be positive"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--hedge-delay", "soon"},
                        "--hedge-delay must be auto, off or a duration such as 5ms, got 'soon'"),
                Arguments.of(new String[] {"--members", "n1@127.0.0.1:7001", "--hedge-delay", "0"}, "--hedge-delay must be positive"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void aBadFlagIsRefusedBeforeANodeStarts(String[] flags, String message) {
        assertThatThrownBy(() -> configOf(flags)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
