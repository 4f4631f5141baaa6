package io.dynamo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.coordinator.CacheSpec;
import io.dynamo.version.ConflictPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    private static final CacheSpec CLIENT = CacheSpec.defaults("c", ConflictPolicy.SIBLINGS);

    @Test
    void settingsPresentOverrideTheRequestAndTheRestStays() {
        ClusterSettings s = ClusterSettings.parse("W=3\n# comment\ntimeout=500ms");
        CacheSpec applied = s.apply(CLIENT);
        assertThat(applied.w()).isEqualTo(3);
        assertThat(applied.r()).isEqualTo(2);
        assertThat(applied.n()).isEqualTo(3);
        assertThat(applied.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(ClusterSettings.parse(s.format())).isEqualTo(s);
    }

    @Test
    void quorumsAreCappedAtN() {
        CacheSpec applied = ClusterSettings.parse("N=2, R=3, W=3").apply(CLIENT);
        assertThat(applied.n()).isEqualTo(2);
        assertThat(applied.r()).isEqualTo(2);
        assertThat(applied.w()).isEqualTo(2);
    }

    @Test
    void noSettingsLeaveTheRequestAlone() {
        assertThat(ClusterSettings.parse("").apply(CLIENT)).isSameAs(CLIENT);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> ClusterSettings.parse("W=two")).hasMessageContaining("W=two");
        assertThatThrownBy(() -> ClusterSettings.parse("X=1")).hasMessageContaining("unknown config keys [x]");
        assertThatThrownBy(() -> ClusterSettings.parse("W=0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ClusterSettings.parse("timeout=soon")).hasMessageContaining("duration");
    }
}
