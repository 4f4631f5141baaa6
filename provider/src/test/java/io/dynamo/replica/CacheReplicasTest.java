package io.dynamo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheReplicasTest {
    @TempDir
    Path dir;

    @Test
    void aCacheNotHeardOfCountsAsTheLargestNKnown() {
        CacheReplicas caches = new CacheReplicas(3, Optional.empty());
        assertThat(caches.of("new")).isEqualTo(3);
        caches.learn("big", 5);
        caches.learn("small", 1);
        assertThat(caches.of("small")).isEqualTo(1);
        assertThat(caches.of("big")).isEqualTo(5);
        assertThat(caches.of("new")).isEqualTo(5);
        assertThat(caches.known("new")).isEmpty();
    }

    @Test
    void aCacheKeepsTheLargestNItWasSentAndIgnoresSendersThatDidNotKnow() {
        CacheReplicas caches = new CacheReplicas(3, Optional.empty());
        caches.learn("c", 5);
        caches.learn("c", 2);
        caches.learn("c", 0);
        assertThat(caches.of("c")).isEqualTo(5);
        caches.learn("d", 0);
        assertThat(caches.known("d")).isEmpty();
    }

    @Test
    void aRestartedNodeStillKnowsTheNOfEveryCache() {
        new CacheReplicas(3, Optional.of(dir)).learn("five", 5);
        CacheReplicas restarted = new CacheReplicas(3, Optional.of(dir));
        assertThat(restarted.known("five")).hasValue(5);
        assertThat(restarted.largest()).isEqualTo(5);
    }

    @Test
    void anNClassIsInARangeWhenSomeCacheOrTheDefaultForUnknownCachesHasIt() {
        CacheReplicas caches = new CacheReplicas(3, Optional.empty());
        caches.learn("one", 1);
        assertThat(caches.anyIn(1, 2)).isTrue();
        assertThat(caches.anyIn(2, 3)).isFalse();
        assertThat(caches.anyIn(3, Integer.MAX_VALUE)).isTrue(); // caches not heard of count as 3
        assertThat(caches.anyIn(4, Integer.MAX_VALUE)).isFalse();
    }
}
