package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamo.admin.AdminClient;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.ring.Ring;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk loading across three node JVMs over TLS, as {@code bin/dynamo bench} preloads: many keys
 * per frame through a {@code client} certificate, every key on all N replicas with one version,
 * and the bench's modes (open loop, large values) end to end on the command line.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BulkPreloadTest {
    private static final CacheSpec CACHE = new CacheSpec("bulk", 3, 2, 2, ConflictPolicy.LAST_WRITE_WINS, Duration.ofSeconds(30));
    private static final int KEYS = 200_000;
    private static final int BATCH = 1_000;
    private static final int SAMPLE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).tls().nodeArgs("--anti-entropy-interval", "0").build();

    private static byte[] key(int i) {
        return ("bulk-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        byte[] v = new byte[100];
        new SplittableRandom(i).nextBytes(v);
        return v;
    }

    @Test
    void aBulkPreloadThroughAClientCertificatePutsEveryKeyOnAllThreeReplicasWithOneVersion() {
        DynamoClient client = cluster.client(); // a client certificate: data requests only
        for (int from = 0; from < KEYS; from += BATCH) {
            List<byte[]> keys = new ArrayList<>(BATCH);
            List<byte[]> values = new ArrayList<>(BATCH);
            for (int i = from; i < from + BATCH; i++) {
                keys.add(key(i));
                values.add(value(i));
            }
            client.putAll(CACHE, keys, values);
        }

        AdminClient admin = cluster.admin();
        Ring ring = client.ring();
        SplittableRandom pick = new SplittableRandom(14);
        for (int s = 0; s < SAMPLE; s++) {
            int i = pick.nextInt(KEYS);
            List<Member> replicas = ring.preferenceList(ring.partitionOf(key(i)), 3).primaries();
            List<DvvSet> states = new ArrayList<>();
            for (Member replica : replicas) {
                Optional<DvvSet> state = admin.readReplica(replica, CACHE.name(), key(i));
                assertThat(state).as("bulk-%d on %s", i, replica.id()).isPresent();
                states.add(state.get());
            }
            DvvSet first = states.get(0);
            assertThat(first.values()).as("bulk-%d", i).singleElement().satisfies(sibling -> {
                assertThat(sibling.value()).isEqualTo(value(i));
                // The version is the coordinator's: the first primary, which the client sent the key to.
                assertThat(sibling.dot().actor()).isEqualTo(replicas.get(0).id().value());
            });
            assertThat(states).as("bulk-%d on its three replicas", i).allSatisfy(st -> assertThat(st).isEqualTo(first));
            assertThat(client.get(CACHE, key(i)).values()).singleElement().isEqualTo(value(i));
        }
    }

    @Test
    void theBenchPreloadsInBulkAndRunsOpenLoopWithKilobyteValuesOverTls(@TempDir Path dir) throws Exception {
        Path open = dir.resolve("open.json");
        BinDynamo.Finished run = bench(List.of("--keys", "20000", "--value-size", "1024", "--threads", "4", "--rate", "300",
                "--warmup", "1s", "--duration", "3s", "--json", open.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("open loop: 300 ops/s asked", "streamed in batches of up to");
        JsonNode o = JSON.readTree(Files.readString(open));
        assertThat(o.get("loop").asText()).isEqualTo("open");
        assertThat(o.get("rateAsked").asDouble()).isEqualTo(300.0);
        assertThat(o.get("rateAchieved").asDouble()).isPositive();
        assertThat(o.get("tls").asBoolean()).isTrue();
        assertThat(o.get("valueSize").asInt()).isEqualTo(1024);
        assertThat(o.get("preload").get("keys").asLong()).isEqualTo(20_000);
        assertThat(o.get("preload").get("batchKeys").asInt()).isGreaterThan(1);
        assertThat(o.get("getMisses").asLong()).isZero();
        assertThat(o.get("errors").asLong()).isZero();

        Path closed = dir.resolve("closed.json");
        run = bench(List.of("--keys", "5000", "--value-size", "4096", "--threads", "4", "--warmup", "0", "--duration", "2s",
                "--json", closed.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode c = JSON.readTree(Files.readString(closed));
        assertThat(c.get("loop").asText()).isEqualTo("closed");
        assertThat(c.get("rateAsked").isNull()).isTrue();
        assertThat(c.get("valueSize").asInt()).isEqualTo(4096);
        // The same fields in either loop, so that scripts read both alike.
        assertThat(fieldNames(c)).isEqualTo(fieldNames(o));
    }

    private static BinDynamo.Finished bench(List<String> options) throws Exception {
        List<String> line = new ArrayList<>(List.of("bench", "--seeds", cluster.seeds(), "--cache", "bench"));
        line.addAll(options);
        line.addAll(cluster.tlsArgs(TestCluster.CLIENT_CERT));
        return BinDynamo.run(Duration.ofMinutes(2), line.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
