package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.admin.AdminMessage;
import io.dynamo.antientropy.AntiEntropyMessage;
import io.dynamo.antientropy.AntiEntropyMessage.AntiEntropySettings;
import io.dynamo.antientropy.AntiEntropyMessage.PushEntries;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.client.NodeCalls;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.CoordinatorMessage;
import io.dynamo.handoff.HandoffMessage;
import io.dynamo.handoff.HandoffMessage.HintedWrite;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.membership.MembershipMessage;
import io.dynamo.membership.MembershipMessage.Gossip;
import io.dynamo.membership.MembershipView;
import io.dynamo.protocol.DynamoException;
import io.dynamo.protocol.ErrorCode;
import io.dynamo.protocol.Message;
import io.dynamo.protocol.MessageCodec;
import io.dynamo.rebalance.RebalanceMessage;
import io.dynamo.rebalance.RebalanceMessage.Change;
import io.dynamo.rebalance.RebalanceMessage.StreamPartition;
import io.dynamo.replica.ReplicaMessage;
import io.dynamo.replica.ReplicaMessage.ReplicaWrite;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.security.ClusterCertificates;
import io.dynamo.security.Role;
import io.dynamo.security.TlsFiles;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes with TLS 1.3 and certificates of the cluster's CA: who may connect, what
 * each role may ask, and that a refused request changes nothing (data, ring, settings compared
 * before and after). Then the ordinary life of a cluster, kill -9 and restart, over TLS.
 */
class SecureClusterTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("secure", ConflictPolicy.SIBLINGS);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final MessageCodec EVERY_FAMILY = MessageCodec.of(CoordinatorMessage.FAMILY, ReplicaMessage.FAMILY,
            MembershipMessage.FAMILY, HandoffMessage.FAMILY, RebalanceMessage.FAMILY, AntiEntropyMessage.FAMILY, AdminMessage.FAMILY);

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).tls().build();

    @TempDir
    static Path elsewhere;

    private final byte[] key = bytes("cart:alice");

    @BeforeEach
    void aKeyIsStored() {
        cluster.client().put(CACHE, key, Context.empty(), bytes("book"));
    }

    /** What a refused request must leave as it was. */
    private record Snapshot(List<String> values, long epoch, List<Member> members, Duration interval) {}

    private Snapshot snapshot() {
        Ring ring = cluster.admin().ring();
        return new Snapshot(strings(cluster.client().get(CACHE, key).values()), ring.epoch(), ring.members(),
                cluster.admin().interval(cluster.member(0), Optional.empty()));
    }

    private InetSocketAddress node(int index) {
        return new InetSocketAddress(cluster.host(index), cluster.port(index));
    }

    /** Raw calls to the nodes as {@code holder}, with every family's codec: what an attacker holding that certificate can send. */
    private NodeCalls callsAs(String holder) {
        return NodeCalls.open(cluster.config(cluster.address(0), TIMEOUT, holder), EVERY_FAMILY);
    }

    private static void assertUnauthorized(NodeCalls calls, InetSocketAddress at, Message request) {
        assertThatThrownBy(() -> calls.callAndWait(at, request, Message.class, TIMEOUT))
                .as(request.getClass().getSimpleName())
                .isInstanceOfSatisfying(DynamoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessageContaining("may not send " + request.getClass().getSimpleName());
    }

    /** A gossip view whose ring of a huge epoch gives every partition to a stranger: it would take the ring over. */
    private static Gossip ringTakeover() {
        byte[] ring = Ring.create(256, List.of(Member.parse("evil@127.0.0.1:9"))).encode();
        ByteBuffer.wrap(ring).putLong(5, Long.MAX_VALUE / 2); // the epoch follows the format byte and Q
        return new Gossip("evil", MembershipView.of(Ring.decode(ring)).encode());
    }

    @Test
    void aClientCertificateDoingInternalOrAdminRequestsIsRefusedAndNothingChanges() {
        Snapshot before = snapshot();
        List<Message> attacks = List.of(
                new ReplicaWrite(CACHE.name(), cluster.client().ring().partitionOf(key), key, ConflictPolicy.SIBLINGS, 3, new byte[] {1}),
                new HintedWrite(cluster.id(1), CACHE.name(), 0, key, ConflictPolicy.SIBLINGS, new byte[] {1}),
                new PushEntries(0, List.of(key), List.of(new byte[] {1})),
                new Change(true, "evil@127.0.0.1:9", false),
                new StreamPartition(0, "evil@127.0.0.1:9", 1, 0),
                ringTakeover(),
                new AntiEntropySettings(0));
        try (NodeCalls app = callsAs(TestCluster.CLIENT_CERT)) {
            for (Message attack : attacks) {
                assertUnauthorized(app, node(0), attack);
            }
        }
        // An admin may change settings and ring, but never speak as a node.
        try (NodeCalls ops = callsAs(TestCluster.ADMIN_CERT)) {
            for (Message attack : List.of(attacks.get(0), attacks.get(1), attacks.get(2), attacks.get(4), attacks.get(5))) {
                assertUnauthorized(ops, node(1), attack);
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theCommandLineWithAClientCertificateServesDataButNotAdmin() throws Exception {
        List<String> app = cluster.tlsArgs(TestCluster.CLIENT_CERT);
        List<String> ops = cluster.tlsArgs(TestCluster.ADMIN_CERT);
        assertThat(BinDynamo.run(args(List.of("put", "--seeds", cluster.address(0), "cli:tls", "pen"), app))).startsWith("0\nok");
        assertThat(BinDynamo.run(args(List.of("get", "--seeds", cluster.address(1), "cli:tls"), app))).isEqualTo("0\npen\n");
        assertThat(BinDynamo.run(args(List.of("admin", "status", "--seeds", cluster.address(0)), app)))
                .doesNotStartWith("0\n").contains("client certificate may not send");
        assertThat(BinDynamo.run(args(List.of("admin", "status", "--seeds", cluster.address(0)), ops))).startsWith("0\n");
    }

    @Test
    void aPlainTextClientAndACertificateOfAnotherCaAreRefusedAtTheHandshake() throws Exception {
        Snapshot before = snapshot();
        ClientConfig plain = new ClientConfig(cluster.name(), ClientConfig.parseSeeds(cluster.seeds()), TIMEOUT);
        assertThatThrownBy(() -> DynamoClient.connect(plain).close()).hasMessageContaining("cannot reach any seed");
        assertThat(BinDynamo.run("get", "--seeds", cluster.address(0), "cart:alice")).doesNotStartWith("0\n");

        // A node's certificate for this cluster's name from another CA, as a stranger's node would hold:
        // refused in the TLS handshake, before any request. (A node of another cluster certified by this
        // CA is refused for the cluster name its certificate carries: transport.TlsTest.)
        Path foreign = elsewhere.resolve("foreign");
        ClusterCertificates.write(foreign, cluster.name(), Map.of(Role.NODE, List.of("n9")));
        // It trusts the cluster's CA, so the refusal is the node's.
        TlsFiles impostor = new TlsFiles(foreign.resolve("n9.pem"), foreign.resolve("n9.key"), cluster.tls(TestCluster.NODE_CERT).ca());
        try (NodeCalls calls = NodeCalls.open(plain.withTls(Optional.of(impostor)), EVERY_FAMILY)) {
            assertThatThrownBy(() -> calls.callAndWait(node(0), ringTakeover(), Message.class, TIMEOUT))
                    .isNotInstanceOf(DynamoException.class).hasMessageContaining("peer " + node(0));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(cluster.log(0))).contains("refusing the TLS certificate of CN=n9").contains("PKIX path"));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void writesSurviveKillMinus9AndRestartOverTls() {
        DynamoClient client = cluster.client();
        client.put(CACHE, bytes("tls:kill"), Context.empty(), bytes("kept"));
        cluster.kill(1);
        assertThat(strings(client.get(CACHE, bytes("tls:kill")).values())).containsExactly("kept");
        client.put(CACHE, bytes("tls:during"), Context.empty(), bytes("written"));
        cluster.start(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.admin().status()).allSatisfy(s -> assertThat(s.up()).isTrue());
        });
        assertThat(strings(client.get(CACHE, bytes("tls:during")).values())).containsExactly("written");
        assertThat(strings(client.get(CACHE, bytes("tls:kill")).values())).containsExactly("kept");
    }

    @Test
    void jcacheTakesItsTlsFilesAsUriParametersOrProperties() {
        TlsFiles app = cluster.tls(TestCluster.CLIENT_CERT);
        javax.cache.spi.CachingProvider provider = javax.cache.Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("dynamo.tls-ca", app.ca().toString());
        java.net.URI uri = java.net.URI.create("dynamo://" + cluster.address(0) + "?tls-cert=" + app.cert() + "&tls-key=" + app.key());
        try (javax.cache.CacheManager manager = provider.getCacheManager(uri, getClass().getClassLoader(), settings)) {
            javax.cache.Cache<String, String> carts = manager.createCache("tls-carts", new javax.cache.configuration.MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class));
            carts.put("alice", "book");
            assertThat(carts.get("alice")).isEqualTo("book");
        }
    }

    @Test
    void noKeyMaterialReachesTheNodesLogs() throws Exception {
        for (String holder : List.of(TestCluster.NODE_CERT, TestCluster.CLIENT_CERT, TestCluster.ADMIN_CERT)) {
            String key = Files.readString(cluster.tls(holder).key());
            String body = key.lines().filter(l -> !l.startsWith("-----")).collect(java.util.stream.Collectors.joining());
            for (int i = 0; i < cluster.size(); i++) {
                String log = Files.readString(cluster.log(i));
                assertThat(log).contains("TLS 1.3").doesNotContain(body.substring(0, 32)).doesNotContain(body.substring(body.length() - 32));
            }
        }
    }

    private static String[] args(List<String> command, List<String> tls) {
        return java.util.stream.Stream.concat(command.stream(), tls.stream()).toArray(String[]::new);
    }
}
