package io.dynamo.rebalance;

import io.dynamo.protocol.WireReader;
import io.dynamo.protocol.WireWriter;
import io.dynamo.ring.Ring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change a planner carries out, kept in its data directory ({@code change-target}: what, the
 * ring it started from, the ring it aims at) from its plan to its end, so that a planner that
 * crashed mid-change resumes it ({@link Rebalancer}).
 */
final class SavedPlan {
    private static final Logger log = LoggerFactory.getLogger(SavedPlan.class);
    static final String STATE_FILE = "change-target";

    record Plan(String description, Ring start, Ring target) {}

    private final Path file;

    SavedPlan(Path dir) {
        this.file = dir.resolve(STATE_FILE);
    }

    void save(String description, Ring start, Ring target) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(STATE_FILE + ".tmp");
            Files.write(tmp, new WireWriter(256).string(description).bytes(start.encode()).bytes(target.encode()).toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the plan in " + file, e);
        }
    }

    Optional<Plan> load() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            WireReader in = new WireReader(Files.readAllBytes(file));
            return Optional.of(new Plan(in.string(), Ring.decode(in.bytes()), Ring.decode(in.bytes())));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring an unreadable saved plan {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
