package io.dynamo.node;

import io.dynamo.config.EngineKind;
import io.dynamo.config.NodeConfig;
import io.dynamo.ring.Ring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last ring a node adopted, kept in its data directory, so that after a restart it routes
 * with the ring a join or leave made (not the static bootstrap's) from its first request, and a
 * node that joined through seeds restarts even when the seeds are down. Only with the RocksDB
 * engine: its data directory belongs to one node (RocksDB locks it); the in-memory engine's may
 * be shared by embedded nodes of unrelated clusters.
 */
final class SavedRing {
    private static final Logger log = LoggerFactory.getLogger(SavedRing.class);

    private final Optional<Path> file;

    SavedRing(NodeConfig config) {
        this.file = config.storage().engine() == EngineKind.ROCKSDB ? Optional.of(config.storage().dataDir().resolve("ring")) : Optional.empty();
    }

    Optional<Ring> load() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ring.decode(Files.readAllBytes(file.get())));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring unreadable saved ring {}: {}", file.get(), e.toString());
            return Optional.empty();
        }
    }

    void save(Ring ring) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Path tmp = file.get().resolveSibling("ring.tmp");
            Files.write(tmp, ring.encode());
            Files.move(tmp, file.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save the ring in {}: {}", file.get(), e.toString());
        }
    }
}
