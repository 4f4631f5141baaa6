package io.dynamo.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportConfigTest {
    @Test
    void defaultsFollowTheDesign() {
        TransportConfig config = TransportConfig.defaults("alpha");

        assertThat(config.maxFrameBytes()).isEqualTo(17 * 1024 * 1024);
        assertThat(config.connectionsPerPeer()).isEqualTo(1);
        assertThat(config.handshakeTimeout()).isEqualTo(config.connectTimeout());
        assertThat(config.eventLoopThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    @Test
    void withersChangeOneSetting() {
        TransportConfig config = TransportConfig.defaults("alpha").withConnectionsPerPeer(4).withEventLoopThreads(1);

        assertThat(config).isEqualTo(new TransportConfig("alpha", TransportConfig.DEFAULT_MAX_FRAME_BYTES,
                Duration.ofSeconds(2), 4, Duration.ofSeconds(2), TransportConfig.DEFAULT_RECONNECT_BACKOFF, 1));
    }

    @Test
    void nonsenseIsRefusedWithTheSettingNamed() {
        TransportConfig ok = TransportConfig.defaults("alpha");
        assertThatThrownBy(() -> TransportConfig.defaults(" ")).hasMessageContaining("clusterName");
        assertThatThrownBy(() -> ok.withMaxFrameBytes(0)).hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> ok.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> ok.withHandshakeTimeout(Duration.ofMillis(-1))).hasMessageContaining("handshakeTimeout");
        assertThatThrownBy(() -> ok.withReconnectBackoff(Duration.ofMillis(-1))).hasMessageContaining("reconnectBackoff");
        assertThatThrownBy(() -> ok.withConnectionsPerPeer(0)).hasMessageContaining("connectionsPerPeer");
        assertThatThrownBy(() -> ok.withEventLoopThreads(0)).hasMessageContaining("eventLoopThreads");
        assertThatThrownBy(() -> TransportConfig.defaults("x".repeat(256))).hasMessageContaining("255 bytes");
    }
}
