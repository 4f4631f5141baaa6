package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.spi.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbEngineTest extends StorageEngineContractTest {
    @TempDir
    Path temp;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    StorageEngine openEngine(EngineOptions options) {
        return StorageEngines.rocksDb(temp.resolve("store-" + stores.incrementAndGet()), options);
    }

    @Test
    void dataAndHintsSurviveCloseAndReopen() {
        Path dir = temp.resolve("reopen");
        try (StorageEngine first = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            first.put(7, bytes("k"), bytes("v"));
            first.put(8, bytes("gone"), bytes("x"));
            first.remove(8, bytes("gone"));
            first.hints().put(bytes("h"), bytes("hint"));
        }
        try (StorageEngine second = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            assertThat(value(second.get(7, bytes("k")))).isEqualTo("v");
            assertThat(second.get(8, bytes("gone"))).isEmpty();
            assertThat(value(second.hints().get(bytes("h")))).isEqualTo("hint");
        }
    }

    @Test
    void aBatchWriteSurvivesCloseAndReopenUnderEitherSyncPolicy() {
        for (SyncPolicy sync : SyncPolicy.values()) {
            Path dir = temp.resolve("batch-" + sync);
            EngineOptions options = EngineOptions.defaults().withSync(sync);
            try (StorageEngine first = StorageEngines.rocksDb(dir, options)) {
                first.put(1, bytes("gone"), bytes("x"));
                first.write(java.util.List.of(update(1, "a", java.util.Optional.of(bytes("1"))), update(2, "b", java.util.Optional.of(bytes("2"))),
                        update(1, "gone", java.util.Optional.empty())));
            }
            try (StorageEngine second = StorageEngines.rocksDb(dir, options)) {
                assertThat(value(second.get(1, bytes("a")))).isEqualTo("1");
                assertThat(value(second.get(2, bytes("b")))).isEqualTo("2");
                assertThat(second.get(1, bytes("gone"))).isEmpty();
            }
        }
    }

    @Test
    void syncingEveryWriteStoresTheSame() {
        Path dir = temp.resolve("sync");
        try (StorageEngine synced = StorageEngines.rocksDb(dir, EngineOptions.defaults().withSync(SyncPolicy.EVERY_WRITE))) {
            synced.put(0, bytes("k"), bytes("v"));
            assertThat(value(synced.get(0, bytes("k")))).isEqualTo("v");
        }
    }

    @Test
    void aSecondOpenOfAnOpenDirectoryFailsNamingTheDirectory() {
        Path dir = temp.resolve("locked");
        try (StorageEngine first = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            assertThatThrownBy(() -> StorageEngines.rocksDb(dir, EngineOptions.defaults()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("already in use");
            first.put(0, bytes("k"), bytes("still works"));
        }
        try (StorageEngine again = StorageEngines.rocksDb(dir, EngineOptions.defaults())) {
            assertThat(value(again.get(0, bytes("k")))).isEqualTo("still works");
        }
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsAClearError() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
        assertThatThrownBy(() -> StorageEngines.rocksDb(file, EngineOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString());
    }
}
