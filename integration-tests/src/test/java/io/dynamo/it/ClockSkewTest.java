package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.ClientClock;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.coordinator.ExpiryHeader;
import io.dynamo.jcache.DynamoCachingProvider;
import io.dynamo.jcache.JavaSerializationCodec;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.spi.Context;
import io.dynamo.version.ConflictPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes whose clocks disagree: node 0's runs 10 s behind the others' (the hidden node flag
 * {@code --clock-offset-ms}). Last-write-wins must still order one client's writes as it made
 * them, and expiry is decided in the nodes' time, not by a client whose clock runs an hour ahead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClockSkewTest {
    private static final long HOUR_MILLIS = 3_600_000;
    private static final int BEHIND = 0;

    // Hinted handoff and anti-entropy off: the node that missed a write must not learn its timestamp from a repair.
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).nodeArgs("--hinted-handoff", "off", "--anti-entropy-interval", "0")
            .startedByTest().build();

    private CachingProvider provider;

    @BeforeAll
    void startWithOneClockBehind() {
        cluster.nodeArgs(BEHIND, "--clock-offset-ms", "-10000");
        cluster.startAll();
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
    }

    @AfterAll
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aClientsLaterPutThroughTheNodeTenSecondsBehindWinsOverItsEarlierPut() throws Exception {
        CacheSpec lww = CacheSpec.defaults("skew", ConflictPolicy.LAST_WRITE_WINS);
        DynamoClient client = cluster.client();
        byte[] key = keyWhoseSecondPrimaryIs(client.ring(), cluster.id(BEHIND));
        Member first = client.ring().preferenceList(client.ring().partitionOf(key), 3).primaries().get(0);
        int ahead = indexOf(first);

        // v1 through the node whose clock is ahead, while the one behind is down: it never holds v1.
        cluster.kill(BEHIND);
        client.put(lww, key, Context.empty(), bytes("v1"));
        cluster.start(BEHIND);
        // v2 through the node behind: the first one is down, the client fails over to the next primary.
        cluster.kill(ahead);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.put(lww, key, Context.empty(), bytes("v2")) != null);
        assertThat(strings(client.get(lww, key).values())).containsExactly("v2");
        cluster.start(ahead);
        assertThat(strings(client.get(lww, key).values())).as("with every node back").containsExactly("v2");
    }

    @Test
    void aJCacheClientAnHourAheadSeesAnEntryWithTenMinutesLeftAsPresentAndDoesNotDeleteIt() {
        List<String> seeds = new ArrayList<>(List.of(cluster.seeds().split(",")));
        CacheManager writer = provider.getCacheManager(URI.create("dynamo://" + String.join(",", seeds)), getClass().getClassLoader());
        Collections.reverse(seeds); // another URI: a connection of its own, with its own clock
        CacheManager ahead = managerWithClockAhead(URI.create("dynamo://" + String.join(",", seeds)));
        MutableConfiguration<String, String> tenMinutes = new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10)));
        Cache<String, String> written = writer.createCache("sessions", tenMinutes);
        Cache<String, String> read = ahead.createCache("sessions", tenMinutes);

        written.put("alice", "token");
        assertThat(read.get("alice")).isEqualTo("token");
        assertThat(read.containsKey("alice")).isTrue();
        assertThat(written.get("alice")).as("not deleted by the client ahead").isEqualTo("token");

        // Its own writes' deadlines are measured in the cluster's time too, not an hour late.
        read.put("bob", "token");
        byte[] stored = cluster.client().get(CacheSpec.defaults("sessions", ConflictPolicy.LAST_WRITE_WINS), new JavaSerializationCodec<String>(getClass().getClassLoader()).encode("bob"))
                .values().get(0);
        assertThat(ExpiryHeader.deadline(stored).getAsLong())
                .isLessThanOrEqualTo(System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10) + 30_000);
    }

    private CacheManager managerWithClockAhead(URI uri) {
        System.setProperty(ClientClock.OFFSET_PROPERTY, Long.toString(HOUR_MILLIS));
        try {
            return provider.getCacheManager(uri, getClass().getClassLoader());
        } finally {
            System.clearProperty(ClientClock.OFFSET_PROPERTY);
        }
    }

    private static byte[] keyWhoseSecondPrimaryIs(Ring ring, String second) {
        for (int i = 0; i < 10_000; i++) {
            byte[] key = bytes("profile-" + i);
            if (ring.preferenceList(ring.partitionOf(key), 3).primaries().get(1).id().value().equals(second)) {
                return key;
            }
        }
        throw new AssertionError("no key of 10000 has " + second + " second in its preference list");
    }

    private static int indexOf(Member m) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.id(i).equals(m.id().value())) {
                return i;
            }
        }
        throw new AssertionError(m + " is not a node of the cluster");
    }
}
