package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.spi.StorageEngine;
import org.junit.jupiter.api.Test;

class MemoryEngineTest extends StorageEngineContractTest {
    @Override
    StorageEngine openEngine(EngineOptions options) {
        return StorageEngines.memory(options);
    }

    @Test
    void keyCountIsExact() {
        for (int i = 0; i < 10; i++) {
            engine.put(i % 3, bytes("k" + i), bytes("v"));
        }
        engine.put(0, bytes("k0"), bytes("overwrite"));
        engine.remove(1, bytes("k1"));
        engine.remove(1, bytes("k1"));
        engine.hints().put(bytes("hint"), bytes("not data"));
        assertThat(engine.approximateKeyCount()).isEqualTo(9);
    }
}
