package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.jcache.DynamoSettings;
import io.dynamo.security.ClusterCertificates;
import io.dynamo.security.Role;
import io.dynamo.security.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The certificates of a test cluster run over TLS, in one directory: a CA bound to the cluster's
 * name, one node certificate every node shares, and an admin's and an application's. Also the
 * suite's TLS mode: with the system property {@value #SUITE_PROPERTY}{@code =true} (the
 * {@code *-tls} executions of integration-tests/pom.xml), every {@link TestCluster} and the TCK's
 * cluster run over TLS, so the cluster tests show the same behaviour with it on (issue 11).
 */
record ClusterTls(Path dir) {
    static final String SUITE_PROPERTY = "dynamo.it.tls";
    static final String NODE = "node";
    static final String ADMIN = "ops";
    static final String CLIENT = "app";

    /** Whether this test run is the suite's TLS mode. */
    static boolean suiteWide() {
        return Boolean.getBoolean(SUITE_PROPERTY);
    }

    /** A new CA for {@code cluster} and the three holders' keys and certificates, in {@code dir}. */
    static ClusterTls write(Path dir, String cluster) {
        ClusterCertificates.write(dir, cluster, Map.of(Role.NODE, List.of(NODE), Role.ADMIN, List.of(ADMIN), Role.CLIENT, List.of(CLIENT)));
        return new ClusterTls(dir);
    }

    /** {@code --tls-cert ... --tls-key ... --tls-ca ...} of {@code holder}, for a node's or a command's line; the files may be written later. */
    List<String> args(String holder) {
        return List.of("--tls-cert", cert(holder).toString(), "--tls-key", key(holder).toString(), "--tls-ca", ca().toString());
    }

    /** The files of {@code holder}, which must have been {@linkplain #write written}. */
    TlsFiles files(String holder) {
        return new TlsFiles(cert(holder), key(holder), ca());
    }

    private Path cert(String holder) {
        return dir.resolve(holder + ".pem");
    }

    private Path key(String holder) {
        return dir.resolve(holder + ".key");
    }

    private Path ca() {
        return dir.resolve("ca.pem");
    }

    /** The JCache settings ({@code dynamo.tls-*}) of {@code holder}, added to {@code settings}. */
    Properties addTo(Properties settings, String holder) {
        TlsFiles f = files(holder);
        settings.setProperty(DynamoSettings.TLS_CERT, f.cert().toString());
        settings.setProperty(DynamoSettings.TLS_KEY, f.key().toString());
        settings.setProperty(DynamoSettings.TLS_CA, f.ca().toString());
        return settings;
    }

    /**
     * That the nodes at {@code seeds} really serve TLS only: a plain-text client finds no seed
     * that answers. Checked on every start of a TLS cluster, so a TLS mode whose flags were lost on
     * the way fails rather than passing over plain text.
     */
    static void assertPlainTextRefused(String cluster, String seeds) {
        ClientConfig plain = new ClientConfig(cluster, ClientConfig.parseSeeds(seeds), Duration.ofSeconds(5));
        assertThatThrownBy(() -> DynamoClient.connect(plain).close()).as("a plain-text client of %s", seeds)
                .hasMessageContaining("cannot reach any seed");
    }
}
