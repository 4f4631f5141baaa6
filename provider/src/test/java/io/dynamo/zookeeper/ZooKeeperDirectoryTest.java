package io.dynamo.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZooKeeperDirectoryTest {
    @Test
    void seedListsAcceptCommasAndWhitespace() {
        assertThat(ZooKeeperDirectory.parseSeeds("n1@h:1, n2@h:2\nn3@h:3\n")).containsExactly("n1@h:1", "n2@h:2", "n3@h:3");
    }
}
