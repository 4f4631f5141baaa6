package io.dynamo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.coordinator.CoordinatorStats;
import io.dynamo.metrics.NodeSnapshot.Transfer;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static NodeSnapshot snapshot(List<PeerState> members) {
        return new NodeSnapshot("n1", members, Map.of("n2", 17L), 5, List.of(new OperationFigures("get", 900, 45.5, 1, 0.8, 3.2)),
                new CoordinatorStats(4, 1, 2, 6), new Transfer(10, 11, 1200, 1300), new Transfer(0, 0, 0, 0),
                new ChangeProgress("join of n4@127.0.0.1:7004", true, 12, 64, 3000, 120000, 900, ""), "rocksdb", 777, 65536);
    }

    @Test
    void showsMembersHintsRepairRebalanceAndRequestRates() {
        String html = StatusPage.render(snapshot(List.of(new PeerState("n1", "127.0.0.1:7001", "up", 0, 128),
                new PeerState("n2", "127.0.0.1:7002", "down", Double.POSITIVE_INFINITY, 128))));
        assertThat(html).contains("n1 (this node)", "<td class=\"l down\">down</td>", "&infin;", "<td>128</td>")
                .contains("<td class=\"rate\">45.5</td>", "<td>900</td>")
                .contains("17 pending, 5 delivered", "sloppy-quorum writes 4", "read repairs 2", "hedged replica reads 6")
                .contains("<td class=\"l\">periodic</td><td>10</td><td>11</td>", "join of n4@127.0.0.1:7004 (running): partitions 12/64, 3000 keys")
                .contains("rocksdb engine: 777 keys, 65536 bytes on disk");
    }

    @Test
    void namesAreEscapedSoAPeerCannotInjectMarkup() {
        String html = StatusPage.render(snapshot(List.of(new PeerState("n1", "<script>alert(1)</script>", "up", 0, 1))));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
