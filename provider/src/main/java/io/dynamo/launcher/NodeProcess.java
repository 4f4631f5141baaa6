package io.dynamo.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node's JVM: started with its output appended to its log, waited for until it prints that it
 * is ready, stopped by SIGTERM or SIGKILL.
 */
final class NodeProcess {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 30;
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

    private final String id;
    private final Path log;
    private Process process;
    private long logOffset;
    private boolean paused;

    NodeProcess(String id, Path log) {
        this.id = id;
        this.log = log;
    }

    Path log() {
        return log;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    boolean started() {
        return process != null;
    }

    long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + id + " was never started");
        }
        return process.pid();
    }

    void launch(ProcessBuilder builder) {
        if (running()) {
            throw new IllegalStateException("node " + id + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            // Only what this start writes counts for its readiness: a restart appends to the same log.
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + id + " (" + builder.command() + ")", e);
        }
    }

    /** Until the node prints {@code node ID ready on}, at most {@code timeout}; fails early if it exits. */
    void awaitReady(Duration timeout) {
        String marker = "node " + id + " ready on";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!startedOutput().contains(marker)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + " before it was ready; "
                        + "log " + log + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + id + " not ready within " + timeout.toSeconds() + " s; log " + log + ":\n" + tail());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for node " + id, e);
            }
        }
    }

    /** SIGKILL ({@code force}) or SIGTERM, then a bounded wait; a node that ignores SIGTERM is killed. */
    void stop(boolean force, Duration grace) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            resume();
            process.destroy();
        }
        awaitExit(grace);
    }

    /**
     * SIGSTOP: the JVM stops at once, sockets open and silent, as a node does in a long GC pause or
     * a stalled VM; {@link #resume} (SIGCONT) lets it go on. Java has no API for these signals:
     * kill(1) sends them.
     */
    void pause() {
        if (!running()) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        signal("STOP");
        paused = true;
    }

    /** SIGCONT to a node paused by {@link #pause}; nothing otherwise. */
    void resume() {
        if (paused && running()) {
            signal("CONT");
        }
        paused = false;
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " of node " + id + " (pid " + process.pid() + ") failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name + " for node " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling node " + id, e);
        }
    }

    /** Signals without waiting, so that a whole cluster shuts down in parallel; {@link #awaitExit} then waits. */
    void signalTerminate() {
        resume(); // a stopped JVM would hold SIGTERM until it is continued
        if (running()) {
            process.destroy();
        }
    }

    void awaitExit(Duration grace) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("node " + id + " survived SIGKILL");
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String startedOutput() {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            if (length <= logOffset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - logOffset, Integer.MAX_VALUE - 8)];
            f.seek(logOffset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
