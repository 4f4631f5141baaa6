package io.dynamo.storage;

import io.dynamo.spi.StorageEngine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: writes keys in a loop and acknowledges each on
 * stdout only after {@code put} returned, until killed (or, as a safety net, until a bound in
 * count or time is reached).
 *
 * <p>Arguments: directory, sync policy, max keys, max milliseconds.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        SyncPolicy policy = SyncPolicy.valueOf(args[1]);
        long maxKeys = Long.parseLong(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000L;
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        StorageEngine engine = StorageEngines.rocksDb(directory, EngineOptions.defaults().withSync(policy));
        // Deliberately never closed: the parent kills this process mid-write.
        for (long i = 0; i < maxKeys && System.nanoTime() < deadline; i++) {
            engine.put(partitionOf(i), keyOf(i), valueOf(i));
            acks.println("ack " + i + " .");
        }
        acks.println("bound reached");
    }

    static int partitionOf(long i) {
        return (int) (i % 256);
    }

    static byte[] keyOf(long i) {
        return ("key-" + i).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] valueOf(long i) {
        StringBuilder value = new StringBuilder("value-").append(i).append('-');
        while (value.length() < 100) {
            value.append((char) ('a' + (i + value.length()) % 26));
        }
        return value.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
