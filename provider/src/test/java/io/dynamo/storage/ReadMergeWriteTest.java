package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.spi.StorageEngine;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The merge step itself; its atomicity on each engine is in {@link StorageEngineContractTest}. */
class ReadMergeWriteTest {
    private final StorageEngine memory = StorageEngines.memory(EngineOptions.defaults());
    private final RecordingEngine engine = new RecordingEngine(memory);
    private final ReadMergeWrite rmw = new ReadMergeWrite(engine);
    private final byte[] key = "k".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void anUnchangedResultWritesNothing() {
        memory.put(1, key, new byte[] {1, 2});
        Optional<byte[]> stored = rmw.apply(1, key, current -> Optional.of(new byte[] {1, 2}));
        assertThat(stored).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(engine.writes).isEmpty();

        rmw.apply(1, key, current -> current);
        rmw.apply(1, new byte[] {9}, current -> Optional.empty()); // absent stays absent
        assertThat(engine.writes).isEmpty();
    }

    @Test
    void aChangedResultIsWrittenAndAnEmptyOneRemoves() {
        rmw.apply(1, key, current -> Optional.of(new byte[] {7}));
        rmw.apply(1, key, current -> Optional.of(new byte[0])); // empty value is a value, not a removal
        rmw.apply(1, key, current -> Optional.empty());
        assertThat(engine.writes).containsExactly("put 1 [7]", "put 1 []", "remove 1");
        assertThat(memory.get(1, key)).isEmpty();
    }

    @Test
    void aMergeThatEditsTheArrayItWasGivenIsStillWritten() {
        memory.put(1, key, new byte[] {1});
        rmw.apply(1, key, current -> {
            current.orElseThrow()[0] = 2;
            return current;
        });
        assertThat(memory.get(1, key)).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
    }

    @Test
    void aFailingMergeWritesNothingAndReleasesTheLock() {
        assertThatThrownBy(() -> rmw.apply(1, key, current -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThatThrownBy(() -> rmw.apply(1, key, current -> null)).isInstanceOf(NullPointerException.class);
        assertThat(engine.writes).isEmpty();
        // Same stripe, another thread: would hang if the lock had leaked.
        Thread other = new Thread(() -> rmw.apply(1, key, current -> Optional.of(new byte[] {3})));
        other.start();
        assertThat(join(other)).isTrue();
        assertThat(engine.writes).containsExactly("put 1 [3]");
    }

    @Test
    void stripesSpreadKeys() {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            used.add(ReadMergeWrite.stripe(i % 256, ("key-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(used.size()).isGreaterThan(900);
    }

    private static boolean join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
