package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.launcher.LoopbackCuts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/dynamo demo}, as a newcomer runs it: every phase narrated, a summary whose last line
 * is {@code writes lost: 0}, exit 0, and nothing left behind (no node process, no data directory,
 * no iptables rule).
 */
class DemoTest {
    /** The bound for the whole demo on a 2-core machine, the build included; the build is done here. */
    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final Pattern WORK_DIR = Pattern.compile("RocksDB under (\\S+);");

    @Test
    void theDemoLosesNoAcknowledgedWriteAndLeavesNothingBehind() throws Exception {
        BinDynamo.Finished demo = BinDynamo.run(BOUND, "demo");
        String out = demo.output();

        assertThat(demo.exit()).as("exit code; output:\n" + out).isZero();
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.get(lines.size() - 1)).as(out).isEqualTo("writes lost: 0");
        assertThat(out).contains("hints pending on the other nodes", "every hint delivered, 0 pending", "rebuilt:", "plan: join of n6",
                "plan: leave of n2", "2 siblings kept", "summary", "latency:");
        if (LoopbackCuts.unavailableReason().isEmpty()) {
            assertThat(out).contains("each side reads every add of both: converged");
        } else {
            assertThat(out).contains("== network partition: skipped (");
        }
        assertThat(out).as("no colour codes").doesNotContain("\u001b[");

        Matcher m = WORK_DIR.matcher(out);
        assertThat(m.find()).as("the demo names its data directory; output:\n" + out).isTrue();
        String workDir = m.group(1);
        assertThat(Files.exists(Path.of(workDir))).as("data directory " + workDir + " deleted").isFalse();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(workDir)).toList())
                .as("node processes of the demo left running").isEmpty();
        if (LoopbackCuts.unavailableReason().isEmpty()) {
            assertThat(new LoopbackCuts("dynamo-demo-" + demo.pid()).rules()).as("iptables rules left behind").isZero();
        }
    }
}
