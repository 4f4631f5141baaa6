package io.dynamo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeJvmTest {
    @Test
    void aNodeWithoutOptionsGetsItsHeapUpFrontG1AndAGcLog() {
        assertThat(NodeJvm.options(List.of(), Optional.of(Path.of("/var/log/n1"))))
                .containsExactly("-Xmx1g", "-Xms1g", "-XX:+UseG1GC",
                        "-Xlog:gc*:file=/var/log/n1/gc-%p.log:time,uptime,level,tags:filecount=3,filesize=10m");
    }

    @Test
    void theGivenHeapIsAlsoTheInitialOneAndAGivenCollectorIsKept() {
        assertThat(NodeJvm.options(List.of("-Xmx256m", "-XX:+UseSerialGC"), Optional.empty()))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Xms256m");
    }

    @Test
    void givenInitialHeapAndGcLogAreLeftAsGiven() {
        List<String> given = List.of("-Xms512m", "-Xmx2g", "-XX:+UseZGC", "-Xlog:gc:stderr");
        assertThat(NodeJvm.options(given, Optional.of(Path.of("/tmp")))).isEqualTo(given);
    }
}
