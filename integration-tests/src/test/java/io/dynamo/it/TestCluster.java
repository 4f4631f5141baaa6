package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.admin.AdminClient;
import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import io.dynamo.membership.MemberState;
import io.dynamo.metrics.PrometheusText;
import io.dynamo.ring.Member;
import io.dynamo.security.TlsFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of node processes started through {@code bin/dynamo node} on loopback, owned by the
 * test class that registers it:
 * <pre>{@code @RegisterExtension static final TestCluster cluster = TestCluster.builder().nodes(3).nodeArgs("--hinted-handoff", "off").build();}</pre>
 * Started before the class's first test (or before each test, {@link Builder#freshPerTest()}), on
 * empty data directories, with data and logs under {@code target/it-logs/CLASS[/TEST]/}; killed
 * after the last, also when a test or the start failed. Between tests of one class, a node a test
 * left stopped is started again, so no test sees what an earlier one killed.
 */
final class TestCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    /** With {@link Builder#tls()}: the holders whose certificates the cluster's CA issued, in {@code WORKDIR/certs}. */
    static final String NODE_CERT = ClusterTls.NODE;
    static final String ADMIN_CERT = ClusterTls.ADMIN;
    static final String CLIENT_CERT = ClusterTls.CLIENT;
    private static final String CERTS = "certs";

    private final Builder settings;
    private LocalCluster cluster;
    private Optional<ClusterTls> certificates = Optional.empty();
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(60);

    private DynamoClient client;
    private AdminClient admin;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private TestCluster(Builder settings) {
        this.settings = settings;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!settings.perTest) {
            open(context.getRequiredTestClass().getSimpleName(), Path.of(context.getRequiredTestClass().getSimpleName()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings.perTest) {
            String cls = context.getRequiredTestClass().getSimpleName();
            open(cls, Path.of(cls, context.getRequiredTestMethod().getName()));
            return;
        }
        boolean restarted = false;
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.started(i) && !cluster.running(i)) {
                cluster.start(i);
                restarted = true;
            }
        }
        if (restarted) {
            awaitConverged();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (settings.perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open(String name, Path dir) {
        ClusterLayout layout = ClusterLayout.onFreePorts(name, settings.nodes, settings.hosts);
        // The suite's TLS mode runs the same classes again: its logs go elsewhere, so both runs' stay.
        Path work = Path.of("target", "it-logs").resolve(ClusterTls.suiteWide() ? Path.of("tls").resolve(dir) : dir).toAbsolutePath();
        List<String> nodeArgs = new ArrayList<>(settings.nodeArgs);
        certificates = settings.tls || ClusterTls.suiteWide() ? Optional.of(new ClusterTls(work.resolve(CERTS))) : Optional.empty();
        certificates.ifPresent(certs -> nodeArgs.addAll(certs.args(NODE_CERT)));
        LocalCluster.Builder builder = BinDynamo.cluster(layout, work).nodeArgs(nodeArgs).freshWorkDir();
        cluster = (settings.metrics ? builder.metrics() : builder).build();
        try {
            // After build(): a fresh work directory is emptied there. Every node shares one node certificate.
            certificates.ifPresent(certs -> ClusterTls.write(certs.dir(), name));
            settings.joining.forEach((node, seed) -> cluster.nodeArgs(node, List.of("--seeds", cluster.address(seed))));
            if (!settings.startedByTest) {
                startAll();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void close() {
        try {
            for (AutoCloseable c : clients) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing a test client failed", e);
                }
            }
        } finally {
            clients.clear();
            client = null;
            admin = null;
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /**
     * Starts every node at once and waits until each serves and every one holds the others alive:
     * for a class built with {@link Builder#startedByTest()}.
     */
    void startAll() {
        cluster.startAll();
        awaitConverged();
        if (certificates.isPresent()) {
            ClusterTls.assertPlainTextRefused(name(), seeds());
        }
    }

    /**
     * Waits until the failure detector of every running node holds every other running node
     * alive (up, or joining): a node that has not yet heard from a peer holds it down, so a test
     * that writes right after a start would see sloppy-quorum hints it did not cause.
     */
    void awaitConverged() {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (cluster.running(i)) {
                running.add(i);
            }
        }
        List<AdminClient> views = new ArrayList<>();
        try {
            for (int i : running) {
                views.add(AdminClient.connect(config(address(i), ADMIN_TIMEOUT, ADMIN_CERT)));
            }
            await("every running node holds the others alive").atMost(CONVERGE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().untilAsserted(() -> {
                        for (int v = 0; v < running.size(); v++) {
                            Map<String, MemberState> states = new HashMap<>();
                            views.get(v).members().forEach(m -> states.put(m.member().id().value(), m.state()));
                            for (int j : running) {
                                if (j != running.get(v)) {
                                    assertThat(states.get(id(j))).as("%s as %s sees it", id(j), id(running.get(v)))
                                            .isIn(MemberState.UP, MemberState.JOINING);
                                }
                            }
                        }
                    });
        } finally {
            views.forEach(AdminClient::close);
        }
    }

    /** Starts node {@code index} again, from its data directory, and waits until it serves. */
    void start(int index) {
        cluster.start(index);
    }

    /** Like {@link #start(int)}, with these options added to the node's command line from now on. */
    void start(int index, String... args) {
        cluster.start(index, List.of(args));
    }

    /** Options added to node {@code index}'s command line from its next start on. */
    void nodeArgs(int index, String... args) {
        cluster.nodeArgs(index, List.of(args));
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill(int index) {
        cluster.kill(index);
    }

    /** SIGTERM: the node shuts down cleanly. */
    void terminate(int index) {
        cluster.terminate(index);
    }

    /** Deletes the data of stopped node {@code index}: a lost disk. */
    void wipe(int index) {
        cluster.wipe(index);
    }

    String name() {
        return cluster.name();
    }

    int size() {
        return cluster.size();
    }

    String id(int index) {
        return cluster.id(index);
    }

    String host(int index) {
        return cluster.host(index);
    }

    int port(int index) {
        return cluster.port(index);
    }

    String address(int index) {
        return cluster.address(index);
    }

    String seeds() {
        return cluster.seeds();
    }

    String members() {
        return cluster.members();
    }

    Path log(int index) {
        return cluster.log(index);
    }

    /** Where node {@code index} serves {@code /metrics} and its status page; the cluster must be built with {@link Builder#metrics()}. */
    int metricsPort(int index) {
        return cluster.metricsPort(index);
    }

    /** Node {@code index}'s metrics now, scraped over HTTP. */
    PrometheusText scrape(int index) throws IOException, InterruptedException {
        return PrometheusText.scrape(host(index), metricsPort(index), ADMIN_TIMEOUT);
    }

    /** Where the nodes' data and logs are: {@code target/it-logs/CLASS[/TEST]}. */
    Path workDir() {
        return cluster.workDir();
    }

    /** A client of every node but the {@link Builder#joining joining} ones, made on first use and closed with the cluster. */
    DynamoClient client() {
        if (client == null) {
            client = connect(String.join(",", servingSeeds()));
        }
        return client;
    }

    /** An operator's client of the same nodes as {@link #client()} (members, status, hints, changes, replicas, repair), closed with the cluster. */
    AdminClient admin() {
        if (admin == null) {
            admin = admin(String.join(",", servingSeeds()));
        }
        return admin;
    }

    /** A new operator's client through {@code seeds} only, closed with the cluster. */
    AdminClient admin(String seeds) {
        AdminClient a = AdminClient.connect(config(seeds, ADMIN_TIMEOUT, ADMIN_CERT));
        clients.add(a);
        return a;
    }

    /** Like {@link #admin(String)}, its connections leaving from {@code local}. */
    AdminClient admin(String seeds, InetAddress local) {
        AdminClient a = AdminClient.connect(config(seeds, ADMIN_TIMEOUT, ADMIN_CERT), local);
        clients.add(a);
        return a;
    }

    private List<String> servingSeeds() {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!settings.joining.containsKey(i)) {
                seeds.add(address(i));
            }
        }
        return seeds;
    }

    /** A new client through {@code seeds} only, closed with the cluster (or earlier by the caller). */
    DynamoClient connect(String seeds) {
        DynamoClient c = DynamoClient.connect(config(seeds, CLIENT_TIMEOUT));
        clients.add(c);
        return c;
    }

    /** Like {@link #connect(String)}, its connections leaving from {@code local} (a node's own address, for network faults). */
    DynamoClient connect(String seeds, InetAddress local) {
        DynamoClient c = DynamoClient.connect(config(seeds, CLIENT_TIMEOUT), local);
        clients.add(c);
        return c;
    }

    /** A data client's settings; with TLS, it holds a client certificate. */
    ClientConfig config(String seeds, Duration timeout) {
        return config(seeds, timeout, CLIENT_CERT);
    }

    /** With TLS, as {@code holder} (one of the certificates the cluster's CA issued); plain text otherwise. */
    ClientConfig config(String seeds, Duration timeout, String holder) {
        return new ClientConfig(name(), ClientConfig.parseSeeds(seeds), timeout, certificates.map(certs -> certs.files(holder)));
    }

    /** Whether the cluster runs over TLS: built with {@link Builder#tls()}, or the suite's TLS mode. */
    boolean tls() {
        return certificates.isPresent();
    }

    /** The TLS files of {@code holder}; the cluster must run over TLS. */
    TlsFiles tls(String holder) {
        return certificates().files(holder);
    }

    /** {@code --tls-cert ... --tls-key ... --tls-ca ...} of {@code holder}, for a command's line; the cluster must run over TLS. */
    List<String> tlsArgs(String holder) {
        return certificates().args(holder);
    }

    private ClusterTls certificates() {
        return certificates.orElseThrow(() -> new IllegalStateException("this cluster runs without TLS"));
    }

    /** Runs {@code bin/dynamo ARGS} as {@link BinDynamo#run} does, as the operator ({@code ops}) when the cluster runs over TLS. */
    String cli(String... args) throws java.io.IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(args));
        certificates.ifPresent(certs -> line.addAll(certs.args(ADMIN_CERT)));
        return BinDynamo.run(line.toArray(String[]::new));
    }

    /** A JCache client's settings for this cluster: its TLS files as an application ({@code app}) when it runs over TLS, else none. */
    Properties jcacheSettings() {
        Properties settings = new Properties();
        return certificates.map(certs -> certs.addTo(settings, CLIENT_CERT)).orElse(settings);
    }

    /** Node {@code index} as the ring names it. */
    Member member(int index) {
        return client().ring().members().stream().filter(m -> m.id().value().equals(id(index))).findFirst()
                .orElseThrow(() -> new AssertionError(id(index) + " is not in the ring"));
    }

    /** What a test class's cluster looks like; every setting is optional. */
    static final class Builder {
        private int nodes = 3;
        private final List<String> nodeArgs = new ArrayList<>();
        private final Map<Integer, Integer> joining = new LinkedHashMap<>();
        private IntFunction<String> hosts = i -> "127.0.0.1";
        private boolean startedByTest;
        private boolean perTest;
        private boolean tls;
        private boolean metrics;

        private Builder() {
        }

        Builder nodes(int count) {
            this.nodes = count;
            return this;
        }

        /** Options added to every node's command line, in pairs {@code --name value}. */
        Builder nodeArgs(String... args) {
            nodeArgs.addAll(List.of(args));
            return this;
        }

        /** Node {@code node} starts with {@code --seeds} of node {@code seed} only: it joins the gossip, owning nothing. */
        Builder joining(int node, int seed) {
            joining.put(node, seed);
            return this;
        }

        /** Node {@code i} listens on {@code host.apply(i)}, e.g. 127.x.y.11, .12, ... for per-link network faults. */
        Builder hosts(IntFunction<String> host) {
            this.hosts = host;
            return this;
        }

        /** Ports are chosen before the test, but the test itself calls {@link TestCluster#startAll()}. */
        Builder startedByTest() {
            this.startedByTest = true;
            return this;
        }

        /** A new cluster for every test of the class, for tests that leave state no other test should see. */
        Builder freshPerTest() {
            this.perTest = true;
            return this;
        }

        /**
         * TLS 1.3 on every connection: a CA for the cluster, one node certificate for every node,
         * and an admin and a client certificate for {@link #admin()} and {@link #client()}.
         */
        Builder tls() {
            this.tls = true;
            return this;
        }

        /** Every node serves {@code /metrics} and its status page on a port of its own ({@code --metrics-port}). */
        Builder metrics() {
            this.metrics = true;
            return this;
        }

        TestCluster build() {
            return new TestCluster(this);
        }
    }
}
