package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.spi.StorageEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An acknowledged write survives kill -9 of the process holding the engine (the SPI's put
 * contract, which quorum writes of paper §4.5 count on): a child JVM writes and acknowledges,
 * is killed with SIGKILL mid-write, and every acknowledged key must be there on reopen.
 */
class CrashRecoveryTest {
    private static final int ACKS_BEFORE_KILL = 2_000;
    private static final long CHILD_MAX_KEYS = 10_000_000;
    private static final long CHILD_MAX_MILLIS = 60_000;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final Pattern ACK = Pattern.compile("ack (\\d+) \\.");
    private static final String EOF = "\u0000eof";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesKillMinus9(SyncPolicy policy) throws Exception {
        Path dir = temp.resolve("db");
        Path childErr = temp.resolve("child-stderr.txt");
        Process child = startWriter(dir, policy, childErr);
        BlockingQueue<String> lines = readLinesOf(child);
        List<Long> acknowledged = new ArrayList<>();
        try {
            while (acknowledged.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertThat(line).as("ack %d within 30 s; child stderr: %s", acknowledged.size(), stderr(childErr))
                        .isNotNull().isNotEqualTo(EOF);
                acknowledged.add(parseAck(line));
            }
            assertThat(child.isAlive()).as("child still writing when killed").isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(SIGKILL_EXIT);
        // Acks printed before the kill but not read yet count too; a torn last line does not.
        for (String line = lines.poll(30, TimeUnit.SECONDS); line != null && !line.equals(EOF);
                line = lines.poll(30, TimeUnit.SECONDS)) {
            Matcher m = ACK.matcher(line);
            if (m.matches()) {
                acknowledged.add(Long.parseLong(m.group(1)));
            }
        }

        try (StorageEngine reopened = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            List<Long> lost = new ArrayList<>();
            for (long i : acknowledged) {
                byte[] value = reopened.get(CrashWriter.partitionOf(i), CrashWriter.keyOf(i)).orElse(null);
                if (value == null || !Arrays.equals(value, CrashWriter.valueOf(i))) {
                    lost.add(i);
                }
            }
            assertThat(lost.size())
                    .as("acknowledged writes lost or damaged out of %d, first: %s",
                            acknowledged.size(), lost.subList(0, Math.min(10, lost.size())))
                    .isZero();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDirectoryHeldByAnotherProcessIsRefusedNamingIt() throws Exception {
        Path dir = temp.resolve("held");
        Path childErr = temp.resolve("child-stderr.txt");
        Process child = startWriter(dir, SyncPolicy.NONE, childErr);
        try {
            BlockingQueue<String> lines = readLinesOf(child);
            assertThat(lines.poll(30, TimeUnit.SECONDS)).as("first ack; child stderr: %s", stderr(childErr))
                    .startsWith("ack ");
            assertThatThrownBy(() -> StorageEngines.rocksDb(dir, EngineOptions.defaults()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("already in use");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
        }
    }

    private static Process startWriter(Path dir, SyncPolicy policy, Path childErr) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(), policy.name(), Long.toString(CHILD_MAX_KEYS), Long.toString(CHILD_MAX_MILLIS))
                .redirectError(childErr.toFile())
                .start();
    }

    private static BlockingQueue<String> readLinesOf(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(child, lines), "crash-writer-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static long parseAck(String line) {
        Matcher m = ACK.matcher(line);
        assertThat(m.matches()).as("ack line: %s", line).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void readLines(Process child, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed: the end of the stream either way.
        } finally {
            lines.add(EOF);
        }
    }

    private static String stderr(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }
}
