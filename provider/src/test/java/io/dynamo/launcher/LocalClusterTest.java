package io.dynamo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher with stand-in nodes: shell processes that print their arguments, then the ready line (or not). */
class LocalClusterTest {
    /** Prints "args: ..." and, unless told otherwise by --fake, "node ID ready on HOST:PORT"; then sleeps until killed. */
    private static final String FAKE_NODE = """
            echo "args: $*"
            while [ $# -gt 0 ]; do
              case "$1" in --node-id) id=$2 ;; --listen) listen=$2 ;; --fake) fake=$2 ;; esac
              shift
            done
            [ "$fake" = exit ] && exit 3
            [ "$fake" = silent ] || echo "node $id ready on $listen"
            exec sleep 600
            """;

    @TempDir
    Path work;

    private static NodeRuntime fake() {
        return arguments -> {
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", FAKE_NODE, "fake-node"));
            cmd.addAll(arguments);
            return new ProcessBuilder(cmd);
        };
    }

    private LocalCluster cluster(int size, List<String> common) {
        return LocalCluster.builder(ClusterLayout.onPorts("c", size, "127.0.0.1", 7001), fake(), work)
                .nodeArgs(common).readyTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void everyNodeGetsTheStaticMembersExceptOneThatJoinsThroughSeeds() throws Exception {
        try (LocalCluster cluster = cluster(3, List.of("--engine", "memory"))) {
            cluster.nodeArgs(2, List.of("--seeds", cluster.address(0)));
            cluster.startAll();
            assertThat(Files.readString(cluster.log(0))).contains("args: node --cluster c --node-id n1 --listen 127.0.0.1:7001 --data-dir "
                    + cluster.dataDir(0) + " --members n1@127.0.0.1:7001,n2@127.0.0.1:7002 --engine memory");
            assertThat(Files.readString(cluster.log(2))).doesNotContain("--members").contains("--engine memory --seeds 127.0.0.1:7001");
        }
    }

    @Test
    void aClusterWithMetricsGivesEveryNodeItsOwnMetricsPortWhichANodeOptionReplaces() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(ClusterLayout.onPorts("c", 2, "127.0.0.1", 7001), fake(), work).metrics()
                .readyTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(cluster.metricsPort(0)).isNotEqualTo(cluster.metricsPort(1)).isNotIn(7001, 7002);
            cluster.nodeArgs(1, List.of("--metrics-port", "9999"));
            cluster.startAll();
            assertThat(Files.readString(cluster.log(0))).contains("--metrics-port " + cluster.metricsPort(0));
            assertThat(Files.readString(cluster.log(1))).contains("--metrics-port 9999").doesNotContain("--metrics-port " + cluster.metricsPort(1));
        }
        try (LocalCluster plain = cluster(1, List.of())) {
            assertThatThrownBy(() -> plain.metricsPort(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("without metrics");
        }
    }

    @Test
    void nodesOfZooKeeperAreAllMembersButGetNoMembersOption() throws Exception {
        try (LocalCluster cluster = cluster(2, List.of("--zk", "127.0.0.1:2181/dynamo"))) {
            assertThat(cluster.members()).isEqualTo("n1@127.0.0.1:7001,n2@127.0.0.1:7002");
            cluster.startAll();
            assertThat(Files.readString(cluster.log(1))).doesNotContain("--members").contains("--zk 127.0.0.1:2181/dynamo");
        }
    }

    @Test
    void aPausedNodeStaysStoppedUntilResumedAndCloseContinuesOneStillPausedBeforeStoppingIt() throws Exception {
        long started = System.nanoTime();
        try (LocalCluster cluster = cluster(2, List.of())) {
            cluster.startAll();
            long pid = cluster.pid(1);
            cluster.pause(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(state(pid)).as("SIGSTOP").isEqualTo("T"));
            assertThat(state(cluster.pid(0))).as("the others run on").isNotEqualTo("T");
            cluster.resume(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(state(pid)).as("SIGCONT").isNotEqualTo("T"));
            cluster.pause(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(state(pid)).isEqualTo("T"));
        }
        // A stopped process holds SIGTERM until it is continued: without the SIGCONT, close would wait out its grace.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    /** The process's state letter in /proc (T: stopped). */
    private static String state(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    @Test
    void aRestartWaitsForItsOwnReadyLineNotTheOneOfTheEarlierStart() throws Exception {
        try (LocalCluster cluster = cluster(1, List.of())) {
            cluster.startAll();
            cluster.kill(0);
            assertThat(cluster.running(0)).isFalse();
            // The log still holds the first start's ready line; the second start must not count it.
            assertThatThrownBy(() -> cluster.start(0, List.of("--fake", "silent")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("node n1 not ready within 5 s");
            cluster.kill(0);
            cluster.start(0, List.of());
            assertThat(Files.readAllLines(cluster.log(0)).stream().filter(l -> l.startsWith("node n1 ready on"))).hasSize(2);
        }
    }

    @Test
    void aNodeThatExitsBeforeItIsReadyFailsTheStartWithItsLog() {
        try (LocalCluster cluster = cluster(2, List.of())) {
            cluster.nodeArgs(1, List.of("--fake", "exit"));
            assertThatThrownBy(cluster::startAll).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node n2 exited with 3 before it was ready").hasMessageContaining("args: node --cluster c");
        }
    }

    @Test
    void closeStopsEveryNodeAndAClosedClusterStartsNothing() {
        LocalCluster cluster = cluster(3, List.of());
        cluster.startAll();
        cluster.close();
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.running(i)).as("n%d running", i + 1).isFalse();
        }
        assertThatThrownBy(() -> cluster.start(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void wipingARunningNodeIsRefusedAndWipingAStoppedOneDeletesItsData() throws Exception {
        try (LocalCluster cluster = cluster(1, List.of())) {
            cluster.startAll();
            Files.createDirectories(cluster.dataDir(0).resolve("db"));
            assertThatThrownBy(() -> cluster.wipe(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
            assertThat(cluster.dataDir(0)).exists();
            cluster.terminate(0);
            cluster.wipe(0);
            assertThat(cluster.dataDir(0)).doesNotExist();
        }
    }
}
