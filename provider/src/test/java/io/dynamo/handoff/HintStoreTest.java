package io.dynamo.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.replica.StoredKey;
import io.dynamo.ring.NodeId;
import io.dynamo.spi.StorageEngine;
import io.dynamo.storage.EngineOptions;
import io.dynamo.storage.StorageEngines;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import io.dynamo.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintStoreTest {
    private static final NodeId N1 = new NodeId("n1");
    private static final NodeId N10 = new NodeId("n10");
    private static final byte[] KEY = StoredKey.of("cart", bytes("alice"));

    @TempDir
    Path dir;

    @Test
    void repeatedHintsForOneKeyMergeIntoOneAndKeepConcurrentWritesAsSiblings() {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            HintStore store = new HintStore(engine.hints());
            store.store(N1, 7, KEY, ConflictPolicy.SIBLINGS, DvvSet.empty().put(VersionVector.empty(), "n2", 1, bytes("book")));
            store.store(N1, 7, KEY, ConflictPolicy.SIBLINGS, DvvSet.empty().put(VersionVector.empty(), "n3", 2, bytes("pen")));
            List<Hint> held = hints(store, N1);
            assertThat(held).hasSize(1);
            assertThat(held.get(0).partition()).isEqualTo(7);
            assertThat(held.get(0).storedKey()).isEqualTo(KEY);
            assertThat(held.get(0).state().values()).extracting(s -> new String(s.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("book", "pen");
        }
    }

    @Test
    void aHintIsDeletedOnlyIfNothingWasMergedIntoItSinceItWasRead() {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            HintStore store = new HintStore(engine.hints());
            DvvSet first = DvvSet.empty().put(VersionVector.empty(), "n2", 1, bytes("v1"));
            store.store(N1, 3, KEY, ConflictPolicy.SIBLINGS, first);
            Hint delivered = hints(store, N1).get(0);
            store.store(N1, 3, KEY, ConflictPolicy.SIBLINGS, first.put(first.context(), "n2", 2, bytes("v2")));
            assertThat(store.removeIfUnchanged(delivered)).as("a newer state arrived during delivery").isFalse();
            Hint newer = hints(store, N1).get(0);
            assertThat(store.removeIfUnchanged(newer)).isTrue();
            assertThat(store.pendingByOwner()).isEmpty();
        }
    }

    @Test
    void ownersAreCountedApartEvenWhenOneIdPrefixesAnother() {
        try (StorageEngine engine = StorageEngines.memory(EngineOptions.defaults())) {
            HintStore store = new HintStore(engine.hints());
            DvvSet state = DvvSet.empty().put(VersionVector.empty(), "n2", 1, bytes("x"));
            store.store(N1, 0, KEY, ConflictPolicy.SIBLINGS, state);
            store.store(N10, 0, KEY, ConflictPolicy.SIBLINGS, state);
            store.store(N10, 1, KEY, ConflictPolicy.SIBLINGS, state);
            assertThat(store.pendingByOwner()).isEqualTo(Map.of(N1, 1L, N10, 2L));
            assertThat(hints(store, N1)).hasSize(1);
        }
    }

    @Test
    void hintsSurviveARestartOfTheNodeHoldingThem() {
        DvvSet state = DvvSet.empty().put(VersionVector.empty(), "n2", 1, bytes("durable"));
        try (StorageEngine engine = StorageEngines.rocksDb(dir.resolve("engine"), EngineOptions.defaults())) {
            new HintStore(engine.hints()).store(N1, 5, KEY, ConflictPolicy.SIBLINGS, state);
        }
        try (StorageEngine engine = StorageEngines.rocksDb(dir.resolve("engine"), EngineOptions.defaults())) {
            List<Hint> held = hints(new HintStore(engine.hints()), N1);
            assertThat(held).hasSize(1);
            assertThat(held.get(0).state()).isEqualTo(state);
        }
    }

    private static List<Hint> hints(HintStore store, NodeId owner) {
        List<Hint> out = new ArrayList<>();
        store.forOwner(owner, out::add);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
