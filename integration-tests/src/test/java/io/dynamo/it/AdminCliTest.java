package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bin/dynamo admin ... --json} against three node processes, and what an operator sees when the cluster is not there. */
class AdminCliTest {
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).build();

    @Test
    void statusAsJsonParsesWithJacksonAndListsEveryMemberUp() throws Exception {
        String[] run = BinDynamo.run("admin", "status", "--json", "--seeds", cluster.address(1)).split("\n", 2);

        assertThat(run[0]).as(run[1]).isEqualTo("0");
        JsonNode status = new ObjectMapper().readTree(jsonLine(run[1]));
        List<String> nodes = new ArrayList<>();
        status.get("members").forEach(m -> {
            nodes.add(m.get("node").asText());
            assertThat(m.get("state").asText()).as(m.toString()).isEqualTo("up");
            assertThat(m.get("partitions").asInt()).as(m.toString()).isPositive();
        });
        assertThat(nodes).containsExactlyInAnyOrder(cluster.id(0), cluster.id(1), cluster.id(2));
        assertThat(status.get("inRing").asInt()).isEqualTo(3);
    }

    @Test
    void ringAndHintsAsJsonParse() throws Exception {
        String[] ring = BinDynamo.run("admin", "ring", "--json", "--seeds", cluster.address(0)).split("\n", 2);
        String[] hints = BinDynamo.run("admin", "hints", "--json", "--seeds", cluster.address(0)).split("\n", 2);

        assertThat(ring[0]).as(ring[1]).isEqualTo("0");
        JsonNode owners = new ObjectMapper().readTree(jsonLine(ring[1])).get("owners");
        int owned = 0;
        for (JsonNode o : owners) {
            owned += o.get("partitions").asInt();
        }
        assertThat(owners).hasSize(3);
        assertThat(owned).isEqualTo(new ObjectMapper().readTree(jsonLine(ring[1])).get("partitions").asInt());
        assertThat(hints[0]).as(hints[1]).isEqualTo("0");
        assertThat(new ObjectMapper().readTree(jsonLine(hints[1])).get("notAnswering")).isEmpty();
    }

    @Test
    void anUnreachableSeedGivesANonZeroExitAndOneClearLine() throws Exception {
        for (String command : List.of("status", "ring", "hints", "repair")) {
            String[] run = BinDynamo.run("admin", command, "--seeds", "127.0.0.1:1").split("\n", 2);

            assertThat(run[0]).as(command + ": " + run[1]).isNotEqualTo("0");
            assertThat(run[1].lines().toList()).as(command).hasSize(1);
            assertThat(run[1]).as(command).startsWith("error: cannot reach the cluster").contains("127.0.0.1:1");
        }
    }

    /** The report: the one line of a --json run that is a JSON object (a warning may come before it on the shared output). */
    private static String jsonLine(String output) {
        return output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(output));
    }
}
