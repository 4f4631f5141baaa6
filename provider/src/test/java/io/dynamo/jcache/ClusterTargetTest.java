package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClusterTargetTest {
    @Test
    void embeddedIsANodeInThisJvm() {
        ClusterTarget t = ClusterTarget.parse(URI.create("dynamo:embedded"));
        assertThat(t.embedded()).isTrue();
        assertThat(t.rawQuery()).isEmpty();
        assertThat(ClusterTarget.parse(URI.create("dynamo:embedded?replicas=1")).rawQuery()).contains("replicas=1");
    }

    @Test
    void seedsAreEveryHostAndPortOfTheAuthority() {
        ClusterTarget t = ClusterTarget.parse(URI.create("dynamo://127.0.0.1:7001,127.0.0.2:7002?read-quorum=1"));
        assertThat(t.embedded()).isFalse();
        assertThat(t.seeds()).hasSize(2);
        assertThat(t.seeds().get(1).getPort()).isEqualTo(7002);
        assertThat(t.rawQuery()).contains("read-quorum=1");
    }

    @Test
    void seedsMayBeSeparatedBySemicolonsSoTheUriIsAValidJmxValue() {
        ClusterTarget t = ClusterTarget.parse(URI.create("dynamo://127.0.0.1:7001;127.0.0.2:7002;127.0.0.3:7003"));
        assertThat(t.seeds()).extracting(s -> s.getHostString() + ":" + s.getPort())
                .containsExactly("127.0.0.1:7001", "127.0.0.2:7002", "127.0.0.3:7003");
        assertThat(t.connectionKey("")).isEqualTo(ClusterTarget.parse(URI.create("dynamo://127.0.0.1:7001,127.0.0.2:7002,127.0.0.3:7003"))
                .connectionKey(""));
    }

    @Test
    void zooKeeperUrisNameTheServersTheRootAndTheCluster() {
        ClusterTarget t = ClusterTarget.parse(URI.create("zk://127.0.0.1:2181,127.0.0.2:2182/dynamo/shop?write-quorum=3"));
        assertThat(t.embedded()).isFalse();
        assertThat(t.seeds()).isEmpty();
        assertThat(t.zk()).hasValueSatisfying(zk -> {
            assertThat(zk.address().connectString()).isEqualTo("127.0.0.1:2181,127.0.0.2:2182");
            assertThat(zk.address().root()).isEqualTo("dynamo");
            assertThat(zk.cluster()).isEqualTo("shop");
        });
        assertThat(t.rawQuery()).contains("write-quorum=3");
        assertThat(ClusterTarget.parse(URI.create("zk://127.0.0.1:2181;127.0.0.2:2182/dynamo/shop")).connectionKey("shop"))
                .isEqualTo(ClusterTarget.parse(URI.create("zk://127.0.0.1:2181,127.0.0.2:2182/dynamo/shop")).connectionKey("shop"));
    }

    @Test
    void malformedZooKeeperUrisAreRefusedNamingTheExpectedForm() {
        for (String bad : new String[] {"zk://127.0.0.1:2181/dynamo", "zk://127.0.0.1:2181/dynamo/shop/extra", "zk://127.0.0.1:2181",
                "zk://127.0.0.1/dynamo/shop", "zk://127.0.0.1:2181//shop", "zk:///dynamo/shop", "zk:127.0.0.1:2181/dynamo/shop",
                "zk://127.0.0.1:x/dynamo/shop"}) {
            assertThatThrownBy(() -> ClusterTarget.parse(URI.create(bad))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("zk://host:port[,host:port]/ROOT/CLUSTER");
        }
    }

    @Test
    void otherUrisAreRefused() {
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("http://example")))
                .hasMessageContaining("expected dynamo:embedded, dynamo://host:port").hasMessageContaining("zk://");
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("dynamo:elsewhere"))).hasMessageContaining("did you mean");
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("dynamo://127.0.0.1"))).hasMessageContaining("HOST:PORT");
    }
}
