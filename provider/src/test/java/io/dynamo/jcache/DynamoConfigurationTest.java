package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamo.version.ConflictPolicy;
import java.util.List;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class DynamoConfigurationTest {
    @Test
    void unsetStoreSettingsComeFromTheManager() {
        DynamoConfiguration<String, String> c = new DynamoConfiguration<>();
        assertThat(c.getReplicas()).isEmpty();
        assertThat(c.getConflictPolicy()).isEmpty();
        assertThat(c.getValueCodec()).isEmpty();
    }

    @Test
    void aResolverSelectsTheMergePolicyAndMergeWithoutOneIsRefused() {
        DynamoConfiguration<String, String> c = new DynamoConfiguration<String, String>().setConflictResolver(List::toString);
        assertThat(c.getConflictPolicy()).contains(ConflictPolicy.MERGE);
        assertThatThrownBy(() -> new DynamoConfiguration<String, String>().setConflictPolicy(ConflictPolicy.MERGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConflictResolver");
    }

    @Test
    void copiesKeepTheStoreSettingsAndTheJCacheOnes() {
        DynamoConfiguration<String, String> c = new DynamoConfiguration<String, String>().setReplicas(5).setWriteQuorum(3)
                .setConflictPolicy(ConflictPolicy.SIBLINGS);
        c.setTypes(String.class, String.class).setStatisticsEnabled(true);
        DynamoConfiguration<String, String> copy = new DynamoConfiguration<>(c);
        assertThat(copy.getReplicas()).hasValue(5);
        assertThat(copy.getWriteQuorum()).hasValue(3);
        assertThat(copy.getReadQuorum()).isEmpty();
        assertThat(copy.getConflictPolicy()).contains(ConflictPolicy.SIBLINGS);
        assertThat(copy.isStatisticsEnabled()).isTrue();
        assertThat(DynamoJCache.copyOf(new MutableConfiguration<String, String>().setTypes(String.class, String.class)).getKeyType())
                .isEqualTo(String.class);
    }

    @Test
    void badQuorumsAreRefused() {
        assertThatThrownBy(() -> new DynamoConfiguration<String, String>().setReplicas(0)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> new DynamoConfiguration<String, String>().setReadQuorum(0)).hasMessageContaining("read quorum");
    }
}
