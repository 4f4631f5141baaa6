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
    void zooKeeperUrisSayWhyTheyAreNotAvailable() {
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("zk://127.0.0.1:2181/dynamo/shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("membership").hasMessageContaining("dynamo://");
    }

    @Test
    void otherUrisAreRefused() {
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("http://example")))
                .hasMessageContaining("expected dynamo:embedded or dynamo://host:port");
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("dynamo:elsewhere"))).hasMessageContaining("did you mean");
        assertThatThrownBy(() -> ClusterTarget.parse(URI.create("dynamo://127.0.0.1"))).hasMessageContaining("HOST:PORT");
    }
}
