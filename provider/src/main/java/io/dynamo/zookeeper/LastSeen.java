package io.dynamo.zookeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link ZooKeeperDirectory} keeps the seeds and settings it last read, to stand while
 * ZooKeeper is down: a node keeps them in its data directory (they survive its restart), a client
 * in this process's memory (it has no directory of its own, and a new cache manager opened while
 * ZooKeeper is down still finds the cluster).
 */
interface LastSeen {
    Optional<String> read(String name);

    void write(String name, String text);

    static LastSeen inDirectory(Path dir) {
        return new InDirectory(dir);
    }

    /** Shared by every directory of this process that names the same {@code place} (ZooKeeper address and cluster). */
    static LastSeen inMemory(String place) {
        return new InMemory(place);
    }

    record InDirectory(Path dir) implements LastSeen {
        private static final Logger log = LoggerFactory.getLogger(LastSeen.class);

        @Override
        public Optional<String> read(String name) {
            Path p = dir.resolve(name);
            try {
                return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException e) {
                log.warn("cannot read {}: {}", p, e.toString());
                return Optional.empty();
            }
        }

        /** Written to a temporary file and moved into place, so a crash never leaves half a seed list. */
        @Override
        public void write(String name, String text) {
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve(name + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("cannot save {} in {}: {}", name, dir, e.toString());
            }
        }
    }

    record InMemory(String place) implements LastSeen {
        private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

        @Override
        public Optional<String> read(String name) {
            return Optional.ofNullable(SEEN.get(place + "|" + name));
        }

        @Override
        public void write(String name, String text) {
            SEEN.put(place + "|" + name, text);
        }
    }
}
