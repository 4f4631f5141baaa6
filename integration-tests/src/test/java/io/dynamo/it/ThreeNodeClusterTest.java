package io.dynamo.it;

import static io.dynamo.it.Utf8.bytes;
import static io.dynamo.it.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.ring.Member;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import io.dynamo.version.DvvSet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three node JVMs started through {@code bin/dynamo node} on loopback, N=3 R=2 W=2, and the
 * behaviour a user of a replicated store relies on, with real processes and real SIGKILLs. The
 * tests share the cluster, on keys of their own; each restarts what it kills.
 */
class ThreeNodeClusterTest {
    private static final CacheSpec CACHE = CacheSpec.defaults("it", ConflictPolicy.SIBLINGS);

    // Hinted handoff and periodic anti-entropy off: read repair must be what repairs (a slow run, e.g.
    // over TLS on a loaded machine, gave anti-entropy time to repair keys before the first read).
    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(3).nodeArgs("--hinted-handoff", "off", "--anti-entropy-interval", "0").build();

    private DynamoClient client;

    /** Every test starts on a whole cluster, whatever an earlier one killed and restarted. */
    @BeforeEach
    void wholeCluster() {
        client = cluster.client();
        awaitAllReplicasReachable();
    }

    @Test
    void commandLineClientWritesReadsShowsSiblingsAndStatus() throws Exception {
        String seeds = cluster.address(0);
        assertThat(cluster.cli("put", "--seeds", seeds, "cli:key", "first")).startsWith("0\nok");
        assertThat(cluster.cli("get", "--seeds", seeds, "cli:key")).isEqualTo("0\nfirst\n");
        cluster.cli("put", "--seeds", seeds, "cli:key", "second");
        assertThat(cluster.cli("get", "--seeds", seeds, "cli:key")).startsWith("0\n2 siblings:");
        assertThat(cluster.cli("delete", "--seeds", seeds, "cli:key")).isEqualTo("0\ndeleted\n");
        assertThat(cluster.cli("get", "--seeds", seeds, "cli:key")).isEqualTo("1\n(not found)\n");
        assertThat(cluster.cli("get", "--seeds", seeds, "-R", "4", "cli:key")).startsWith("2\n").contains("R=4").contains("N=3");

        String status = cluster.cli("admin", "status", "--seeds", seeds);
        assertThat(status).startsWith("0\n");
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(status).containsPattern(cluster.id(i) + "\\s+127\\.0\\.0\\.1:" + cluster.port(i) + "\\s+up\\s+\\d+");
        }
    }

    @Test
    void concurrentWritesFromTwoClientsComeBackAsSiblings() throws Exception {
        byte[] key = bytes("cart:concurrent");
        try (DynamoClient other = cluster.connect(cluster.seeds())) {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Context> a = CompletableFuture.supplyAsync(() -> afterGo(go, () -> client.put(CACHE, key, Context.empty(), bytes("book"))));
            CompletableFuture<Context> b = CompletableFuture.supplyAsync(() -> afterGo(go, () -> other.put(CACHE, key, Context.empty(), bytes("pen"))));
            go.countDown();
            CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
        }
        Versioned<byte[]> read = client.get(CACHE, key);
        assertThat(strings(read.values())).containsExactlyInAnyOrder("book", "pen");

        client.put(CACHE, key, read.context(), bytes("book,pen"));
        assertThat(strings(client.get(CACHE, key).values())).containsExactly("book,pen");
    }

    @Test
    void nodeHandedGarbageAndOversizedFramesKeepsServingOthers() throws Exception {
        int port = cluster.port(0);
        SplittableRandom random = new SplittableRandom(7);
        try (Socket garbage = new Socket(); Socket oversized = new Socket(); Socket wellFormed = new Socket()) {
            // The control: a connection that only shook hands is not closed, so closedByPeer can say no.
            wellFormed.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            wellFormed.getOutputStream().write(handshake());
            wellFormed.getOutputStream().flush();

            garbage.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            byte[] junk = new byte[4096];
            random.nextBytes(junk);
            garbage.getOutputStream().write(junk);
            garbage.getOutputStream().flush();

            // A well-formed handshake, then a frame header announcing ~2 GiB: refused from the header alone.
            oversized.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            OutputStream out = oversized.getOutputStream();
            out.write(handshake());
            out.write(frameHeader(16, 1, Integer.MAX_VALUE - 8));
            out.write(new byte[1024]);
            out.flush();

            // Meanwhile the node keeps serving a well-behaved client.
            for (int i = 0; i < 50; i++) {
                client.put(CACHE, bytes("after-garbage-" + i), Context.empty(), bytes("v" + i));
                assertThat(strings(client.get(CACHE, bytes("after-garbage-" + i)).values())).containsExactly("v" + i);
            }
            assertThat(closedByPeer(garbage, Duration.ofSeconds(10))).as("garbage connection closed").isTrue();
            assertThat(closedByPeer(oversized, Duration.ofSeconds(10))).as("oversized-frame connection closed").isTrue();
            // Over TLS (the suite's TLS mode) even a well-formed plain-text handshake is refused: TLS only.
            assertThat(closedByPeer(wellFormed, Duration.ofSeconds(cluster.tls() ? 10 : 1))).as("well-formed plain-text connection closed")
                    .isEqualTo(cluster.tls());
        }
        assertThat(cluster.admin().status()).allMatch(s -> s.up());
    }

    @Test
    void staleReplicaIsRepairedByReadsAlone() {
        int stale = 2;
        cluster.terminate(stale);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] key = bytes("repair-" + i);
            keys.add(key);
            client.put(CACHE, key, Context.empty(), bytes("r" + i));
        }
        cluster.start(stale);
        Member staleMember = cluster.member(stale);
        int missing = 0;
        for (byte[] key : keys) {
            if (cluster.admin().readReplica(staleMember, CACHE.name(), key).isEmpty()) {
                missing++;
            }
        }
        assertThat(missing).as("keys the restarted node missed").isEqualTo(keys.size());

        for (byte[] key : keys) {
            assertThat(client.get(CACHE, key).values()).hasSize(1);
        }
        // A get with R=2 asks one replica besides its coordinator, and repairs only the replicas that
        // answered: with R=3 every replica answers, so every stale one is repaired.
        CacheSpec everyReplica = CACHE.withQuorums(3, 3, 2);
        await("read repair of " + staleMember.id()).atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<String> unrepaired = new ArrayList<>();
            for (byte[] key : keys) {
                Optional<DvvSet> repaired = cluster.admin().readReplica(staleMember, CACHE.name(), key);
                if (repaired.isEmpty() || !repaired.equals(cluster.admin().readReplica(cluster.member(0), CACHE.name(), key))) {
                    unrepaired.add(Utf8.string(key));
                }
            }
            // A read that met the restarted node before its peers could reconnect to it (in their
            // reconnect backoff) fails or repairs nothing: the next poll reads again.
            for (String key : unrepaired) {
                client.get(everyReplica, bytes(key));
            }
            assertThat(unrepaired).as("keys %s does not hold as the others do", staleMember.id()).isEmpty();
        });
    }

    @Test
    void everyWriteAcknowledgedWithW2IsReadBackWithR2AfterKillOfAnyNode() {
        Set<String> acknowledged = new HashSet<>();
        for (int victim = 0; victim < cluster.size(); victim++) {
            for (int i = 0; i < 300; i++) {
                String key = "ack-" + victim + "-" + i;
                client.put(CACHE, bytes(key), Context.empty(), bytes("value-" + key));
                acknowledged.add(key);
            }
            cluster.kill(victim);
            // Writes go on while the node is dead: W=2 of the two survivors.
            for (int i = 0; i < 100; i++) {
                String key = "ack-down-" + victim + "-" + i;
                client.put(CACHE, bytes(key), Context.empty(), bytes("value-" + key));
                acknowledged.add(key);
            }
            for (String key : acknowledged) {
                assertThat(strings(client.get(CACHE, bytes(key)).values()))
                        .as("%s with %s killed", key, cluster.id(victim))
                        .containsExactly("value-" + key);
            }
            cluster.start(victim);
            awaitAllReplicasReachable();
        }
    }

    /**
     * Until writes that need all three replicas succeed from every coordinator: a node that just
     * restarted can be held unreachable for a moment by peers that saw it die (failure detector,
     * reconnect backoff), and this test kills one node at a time, never two.
     */
    private void awaitAllReplicasReachable() {
        CacheSpec all = CACHE.withQuorums(3, 2, 3);
        await("every replica reachable from every coordinator").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 0; i < 30; i++) {
                client.put(all, bytes("reachable-" + i), Context.empty(), bytes("x"));
            }
        });
    }

    /** The transport's 18-byte frame header: magic, version, type, request id, payload length. */
    private static byte[] frameHeader(int type, long requestId, int length) {
        return ByteBuffer.allocate(18).put((byte) 0xD7).put((byte) 1).putInt(type).putLong(requestId).putInt(length).array();
    }

    /** The handshake frame a client opens a connection with: protocol version and cluster name. */
    private static byte[] handshake() {
        byte[] name = bytes(cluster.name());
        byte[] payload = ByteBuffer.allocate(3 + name.length).put((byte) 1).putShort((short) name.length).put(name).array();
        return ByteBuffer.allocate(18 + payload.length).put(frameHeader(1, 0, payload.length)).put(payload).array();
    }

    /**
     * True when the node closed the connection within {@code within}: end of stream or a reset.
     * False when it is still open by then: a read timed out, or the node kept sending.
     */
    private static boolean closedByPeer(Socket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buf = new byte[1024];
        try {
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left); // never 0, which would wait forever
                if (socket.getInputStream().read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static <T> T afterGo(CountDownLatch go, java.util.function.Supplier<T> action) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
