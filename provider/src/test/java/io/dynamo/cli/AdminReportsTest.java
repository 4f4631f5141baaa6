package io.dynamo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamo.admin.MemberView;
import io.dynamo.admin.NodeStatus;
import io.dynamo.membership.MemberState;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin commands' two forms: the table a person reads and the JSON a machine parses, from the same report. */
class AdminReportsTest {
    private static final Member N1 = Member.parse("n1@127.0.0.1:7001");
    private static final Member N2 = Member.parse("n2@127.0.0.1:7002");
    private static final Ring RING = Ring.create(8, List.of(N1, N2));

    private static StatusReport statusWithN2Down() {
        List<MemberView> members = List.of(new MemberView(N1, MemberState.UP, 4), new MemberView(N2, MemberState.DOWN, 4));
        List<NodeStatus> statuses = List.of(new NodeStatus(N1, true, Optional.empty(), 1200, 4, 65_000, RING.epoch()),
                new NodeStatus(N2, false, Optional.of("connection refused"), 0, 0, 0, 0));
        return StatusReport.of(RING, members, statuses);
    }

    @Test
    void statusTableShowsEachMemberAndWhyADownOneIsDown() {
        List<String> lines = statusWithN2Down().human().lines().toList();

        assertThat(lines.get(0)).isEqualTo("ring epoch " + RING.epoch() + ", 8 partitions, 2 members (2 in the ring)");
        assertThat(lines.get(1)).startsWith("NODE").contains("ADDRESS", "STATE", "PARTITIONS", "KEYS", "UPTIME");
        assertThat(lines.get(2)).matches("n1\\s+127\\.0\\.0\\.1:7001\\s+up\\s+4\\s+1200\\s+65s");
        assertThat(lines.get(3)).matches("n2\\s+127\\.0\\.0\\.1:7002\\s+down\\s+4\\s+-\\s+-\\s+\\(connection refused\\)");
        assertThat(statusWithN2Down().down()).isEqualTo(1);
    }

    @Test
    void statusJsonParsesWithJacksonAndListsEveryMember() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.write(statusWithN2Down()));

        assertThat(json.get("partitions").asInt()).isEqualTo(8);
        assertThat(json.get("members")).hasSize(2);
        JsonNode n1 = json.get("members").get(0);
        assertThat(n1.get("node").asText()).isEqualTo("n1");
        assertThat(n1.get("state").asText()).isEqualTo("up");
        assertThat(n1.get("keys").asLong()).isEqualTo(1200);
        assertThat(n1.get("uptimeSeconds").asLong()).isEqualTo(65);
        JsonNode n2 = json.get("members").get(1);
        assertThat(n2.get("state").asText()).isEqualTo("down");
        assertThat(n2.get("error").asText()).isEqualTo("connection refused");
        assertThat(json.has("down")).as("exit-code helper is no field").isFalse();
    }

    @Test
    void hintsAreGroupedByTargetWithTheirHoldersInBothForms() throws Exception {
        HintsReport report = HintsReport.of(Map.of("n1", Map.of("n3", 6804L), "n2", Map.of("n3", 3196L)), List.of("n1", "n2", "n4"));

        assertThat(report.human().lines().toList()).containsExactly(
                String.format("%-12s %10s  %s", "TARGET", "HINTS", "HELD BY"),
                String.format("%-12s %10d  %s", "n3", 10000, "n1=6804, n2=3196"),
                "total 10000 pending hint(s); not answering (their hints unknown): [n4]");
        JsonNode json = Json.mapper().readTree(Json.write(report));
        assertThat(json.get("total").asLong()).isEqualTo(10000);
        assertThat(json.get("targets").get(0).get("heldBy").get("n2").asLong()).isEqualTo(3196);
        assertThat(json.get("notAnswering").get(0).asText()).isEqualTo("n4");
    }

    @Test
    void ringReportGivesEveryOwnersShareAndPartitions() throws Exception {
        RingReport report = RingReport.of(RING);

        assertThat(report.human().lines().toList()).hasSize(4).element(2).asString().matches("n1\\s+127\\.0\\.0\\.1:7001\\s+4\\s+50\\.0%");
        JsonNode json = Json.mapper().readTree(Json.write(report));
        assertThat(json.get("owners")).hasSize(2);
        assertThat(json.get("owners").get(1).get("owned")).hasSize(4);
        assertThat(json.get("owners").get(1).get("share").asDouble()).isEqualTo(50.0);
    }
}
