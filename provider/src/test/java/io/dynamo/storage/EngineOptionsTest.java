package io.dynamo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineOptionsTest {
    @Test
    void defaultsAreNoSync64KibKeys16MibValues() {
        EngineOptions defaults = EngineOptions.defaults();
        assertThat(defaults.sync()).isEqualTo(SyncPolicy.NONE);
        assertThat(defaults.maxKeyBytes()).isEqualTo(65_536);
        assertThat(defaults.maxValueBytes()).isEqualTo(16_777_216);
    }

    @Test
    void limitsBelowOneAreRefusedNamingTheLimit() {
        assertThatThrownBy(() -> new EngineOptions(SyncPolicy.NONE, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeyBytes");
        assertThatThrownBy(() -> new EngineOptions(SyncPolicy.NONE, 1, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxValueBytes");
        assertThat(new EngineOptions(SyncPolicy.EVERY_WRITE, 1, 1).maxKeyBytes()).isEqualTo(1);
    }

    @Test
    void aMissingSyncPolicyIsRefused() {
        assertThatThrownBy(() -> new EngineOptions(null, 1, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("sync");
    }

    @Test
    void withersChangeOneSetting() {
        EngineOptions options = EngineOptions.defaults().withSync(SyncPolicy.EVERY_WRITE).withMaxKeyBytes(10);
        assertThat(options).isEqualTo(new EngineOptions(SyncPolicy.EVERY_WRITE, 10, EngineOptions.DEFAULT_MAX_VALUE_BYTES));
    }
}
