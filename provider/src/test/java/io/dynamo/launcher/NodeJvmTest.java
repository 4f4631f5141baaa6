package io.dynamo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeJvmTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWithoutOptionsGetsItsHeapUpFrontShenandoahAndAGcLog() {
        assertThat(NodeJvm.options(List.of(), Optional.of(Path.of("/var/log/n1")), true))
                .containsExactly("-Xmx1g", "-Xms1g", "-XX:+UseShenandoahGC", "-XX:InlineSmallCode=1000",
                        "-Xlog:gc*:file=/var/log/n1/gc-%p.log:time,uptime,level,tags:filecount=3,filesize=10m");
    }

    @Test
    void aJvmWithoutShenandoahGetsG1() {
        assertThat(NodeJvm.options(List.of(), Optional.empty(), false)).containsExactly("-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-XX:InlineSmallCode=1000");
    }

    @Test
    void theGivenHeapIsAlsoTheInitialOneAndAGivenCollectorIsKept() {
        assertThat(NodeJvm.options(List.of("-Xmx256m", "-XX:+UseSerialGC"), Optional.empty(), true))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Xms256m", "-XX:InlineSmallCode=1000");
    }

    @Test
    void givenInitialHeapInliningAndGcLogAreLeftAsGiven() {
        List<String> given = List.of("-Xms512m", "-Xmx2g", "-XX:+UseZGC", "-XX:InlineSmallCode=2500", "-Xlog:gc:stderr");
        assertThat(NodeJvm.options(given, Optional.of(Path.of("/tmp")), true)).isEqualTo(given);
    }

    @Test
    void theProbeAsksTheNodesJvmWhetherItStartsWithShenandoah() throws IOException {
        // Stand-ins for a JVM binary: one that starts with the flag, one that refuses it as Oracle's build does.
        Path has = fakeJava("has", "[ \"$1\" = -XX:+UseShenandoahGC ] && exit 0; exit 3");
        Path lacks = fakeJava("lacks", "echo 'Option -XX:+UseShenandoahGC not supported' >&2; exit 1");
        assertThat(GcProbe.hasShenandoah(has)).isTrue();
        assertThat(GcProbe.hasShenandoah(lacks)).isFalse();
        assertThat(GcProbe.hasShenandoah(dir.resolve("no-such-java"))).isFalse();
        assertThat(NodeJvm.options(List.of(), Optional.empty(), lacks)).contains("-XX:+UseG1GC");
    }

    private Path fakeJava(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
