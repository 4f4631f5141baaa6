package io.dynamo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZkAddressTest {
    @Test
    void parsesServersAndRoot() {
        ZkAddress a = ZkAddress.parse("127.0.0.1:2181,127.0.0.2:2181/dynamo");
        assertThat(a.connectString()).isEqualTo("127.0.0.1:2181,127.0.0.2:2181");
        assertThat(a.root()).isEqualTo("dynamo");
        assertThat(a.seedsPath("shop")).isEqualTo("/shop/seeds");
        assertThat(a.configPath("shop")).isEqualTo("/shop/config");
        assertThat(ZkAddress.parse("zk:2181").root()).isEqualTo("dynamo");
        assertThat(a.spec()).isEqualTo("127.0.0.1:2181,127.0.0.2:2181/dynamo");
    }

    @Test
    void refusesWhatIsNotHostPort() {
        assertThatThrownBy(() -> ZkAddress.parse("zk/dynamo")).hasMessageContaining("not HOST:PORT");
        assertThatThrownBy(() -> ZkAddress.parse("zk:2181/a/b")).hasMessageContaining("one path segment");
    }
}
