package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.config.ClusterSettings;
import io.dynamo.version.ConflictPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DynamoSettingsTest {
    @Test
    void clusterDefaultsAreThreeTwoTwoLastWriteWins() {
        DynamoSettings s = DynamoSettings.resolve(DynamoSettings.clusterDefaults(), new Properties(), Optional.empty());
        assertThat(s.replicas()).isEqualTo(3);
        assertThat(s.readQuorum()).isEqualTo(2);
        assertThat(s.writeQuorum()).isEqualTo(2);
        assertThat(s.policy()).isEqualTo(ConflictPolicy.LAST_WRITE_WINS);
    }

    @Test
    void propertiesSetQuorumsAndTimeout() {
        Properties p = new Properties();
        p.setProperty(DynamoSettings.REPLICAS, "5");
        p.setProperty(DynamoSettings.READ_QUORUM, "3");
        p.setProperty(DynamoSettings.WRITE_QUORUM, "4");
        p.setProperty(DynamoSettings.TIMEOUT, "750ms");
        DynamoSettings s = DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty());
        assertThat(s.spec("c").n()).isEqualTo(5);
        assertThat(s.spec("c").r()).isEqualTo(3);
        assertThat(s.spec("c").w()).isEqualTo(4);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void uriQueryOverridesProperties() {
        Properties p = new Properties();
        p.setProperty(DynamoSettings.WRITE_QUORUM, "1");
        URI uri = URI.create("dynamo://127.0.0.1:7001?write-quorum=3&timeout=2s");
        DynamoSettings s = DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, ClusterTarget.parse(uri).rawQuery());
        assertThat(s.writeQuorum()).isEqualTo(3);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSmallerReplicaCountLowersTheDefaultQuorums() {
        Properties p = new Properties();
        p.setProperty(DynamoSettings.REPLICAS, "1");
        DynamoSettings s = DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty());
        assertThat(s.readQuorum()).isEqualTo(1);
        assertThat(s.writeQuorum()).isEqualTo(1);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        Properties p = new Properties();
        p.setProperty(DynamoSettings.READ_QUORUM, "4");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R=4");
        Properties q = new Properties();
        q.setProperty("dynamo.replica", "3");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), q, Optional.empty()))
                .hasMessageContaining("unknown property 'dynamo.replica'");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), new Properties(), Optional.of("timeout=soon")))
                .hasMessageContaining("dynamo.timeout must be a duration");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), new Properties(), Optional.of("replicas")))
                .hasMessageContaining("not NAME=VALUE");
    }

    @Test
    void aLocalAddressOfThisHostIsWhereConnectionsLeaveFromAndAnyOtherIsRefused() throws Exception {
        Properties p = new Properties();
        p.setProperty("dynamo.local-address", "127.0.0.7");
        assertThat(DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty()).localAddress())
                .contains(java.net.InetAddress.getByName("127.0.0.7"));
        assertThat(DynamoSettings.resolve(DynamoSettings.clusterDefaults(), new Properties(), Optional.empty()).localAddress()).isEmpty();
        p.setProperty("dynamo.local-address", "192.0.2.1");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty()))
                .hasMessageContaining("dynamo.local-address 192.0.2.1 is not an address of this host");
        p.setProperty("dynamo.local-address", "app.example");
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.empty()))
                .hasMessageContaining("must be an IP address of this host, got 'app.example'");
    }

    @Test
    void propertiesOfOtherLibrariesAreIgnored() {
        Properties p = new Properties();
        p.setProperty("hibernate.cache.region_prefix", "x");
        assertThat(DynamoSettings.resolve(DynamoSettings.embeddedDefaults(), p, Optional.empty()).replicas()).isEqualTo(1);
    }

    @Test
    void tlsFilesComeFromPropertiesOrTheUriAndGoTogether(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.dynamo.security.ClusterCertificates.write(dir, "shop", java.util.Map.of(io.dynamo.security.Role.NODE, java.util.List.of("n1"),
                io.dynamo.security.Role.CLIENT, java.util.List.of("app")));
        Properties p = new Properties();
        p.setProperty("dynamo.tls-cert", dir.resolve("n1.pem").toString());
        p.setProperty("dynamo.tls-key", dir.resolve("n1.key").toString());
        p.setProperty("dynamo.tls-ca", dir.resolve("ca.pem").toString());
        DynamoSettings s = DynamoSettings.resolve(DynamoSettings.clusterDefaults(), p, Optional.of("tls-cert=" + dir.resolve("app.pem")
                + "&tls-key=" + dir.resolve("app.key")));
        assertThat(s.tls()).hasValueSatisfying(t -> {
            assertThat(t.cert()).isEqualTo(dir.resolve("app.pem"));
            assertThat(t.ca()).isEqualTo(dir.resolve("ca.pem"));
        });
        assertThat(DynamoSettings.resolve(DynamoSettings.clusterDefaults(), new Properties(), Optional.empty()).tls()).isEmpty();
        Properties partial = new Properties();
        partial.setProperty("dynamo.tls-cert", dir.resolve("n1.pem").toString());
        assertThatThrownBy(() -> DynamoSettings.resolve(DynamoSettings.clusterDefaults(), partial, Optional.empty()))
                .hasMessageContaining("--tls-key");
    }

    @Test
    void zooKeepersConfigGivesAZkManagersDefaultsAndPropertiesStillWin() {
        DynamoSettings fromZk = DynamoSettings.clusterDefaults().named("shop").under(ClusterSettings.parse("N=5, W=4, timeout=3s"));
        Properties p = new Properties();
        p.setProperty(DynamoSettings.READ_QUORUM, "1");
        DynamoSettings s = DynamoSettings.resolve(fromZk, p, Optional.empty());
        assertThat(s.replicas()).isEqualTo(5);
        assertThat(s.writeQuorum()).isEqualTo(4);
        assertThat(s.readQuorum()).isEqualTo(1);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.cluster()).isEqualTo("shop");
        assertThat(DynamoSettings.clusterDefaults().under(ClusterSettings.NONE)).isEqualTo(DynamoSettings.clusterDefaults());
    }
}
