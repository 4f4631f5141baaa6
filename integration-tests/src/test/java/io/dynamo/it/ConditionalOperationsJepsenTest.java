package io.dynamo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynamo.jcache.DynamoCachingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jepsen-style check of conditional operations (issue 12, item 9): four client JVMs
 * ({@link PutIfAbsentRacer}) race {@code putIfAbsent(key, ownId)} over the same keys on five node
 * JVMs, each client on a loopback address of its own, while the network is cut into halves
 * (clients on both sides), two clients are cut from one node only (they go to the key's next
 * replica while the others still reach the first), and nodes are killed with SIGKILL and
 * restarted. Each client logs the keys it won. After the heal: at most one winner per key, and
 * the value stored is the winner's.
 */
class ConditionalOperationsJepsenTest {
    static final String CACHE = "jepsen";
    private static final int NODES = 5;
    private static final int ROUNDS = 60;
    private static final int KEYS_PER_ROUND = 3;
    private static final long SLOT_MILLIS = 300;
    private static final Duration RACE_TIMEOUT = Duration.ofMinutes(6);
    private static final int RACERS = 4;

    private static final long PID = ProcessHandle.current().pid();
    private static final String NET = "127." + (20 + PID % 200) + "." + (PID / 200 % 250 + 1) + ".";

    @RegisterExtension
    static final TestCluster cluster = TestCluster.builder().nodes(NODES).hosts(i -> NET + (51 + i)).startedByTest().freshPerTest().build();

    private final List<Process> racers = new ArrayList<>();
    private NetworkFaults faults;
    private CachingProvider provider;

    static String key(int round, int k) {
        return "k-" + round + "-" + k;
    }

    @AfterEach
    void cleanUp() {
        try {
            racers.forEach(Process::destroyForcibly);
            if (provider != null) {
                provider.close();
            }
        } finally {
            NetworkFaults.closeAndCheck(faults);
        }
    }

    @Test
    void racingPutIfAbsentThroughCutsAndKillsHasAtMostOneWinnerPerKeyAndItsValueIsStored() throws Exception {
        faults = NetworkFaults.openOrSkip();
        cluster.startAll();
        List<Path> logs = startRacers();

        awaitAttempts(logs, 20);
        cut(List.of(node(0), node(1), racer(0), racer(1)), List.of(node(2), node(3), node(4), racer(2), racer(3)));
        awaitAttempts(logs, 120);
        faults.healAll();
        // Racers 2 and 3 lose node 0 only: for keys whose first replica it is, they go to the next
        // replica while racers 0 and 1 still go to node 0 (the "a client that suspects that node").
        cut(List.of(racer(2), racer(3)), List.of(node(0)));
        awaitAttempts(logs, 240);
        faults.healAll();
        cluster.kill(2);
        awaitAttempts(logs, 330);
        cluster.start(2);
        cut(List.of(node(0), node(2), racer(0), racer(2)), List.of(node(1), node(3), node(4), racer(1), racer(3)));
        awaitAttempts(logs, 430);
        cluster.kill(3);
        awaitAttempts(logs, 520);
        faults.healAll();
        cluster.start(3);

        for (Process racer : racers) {
            assertThat(racer.waitFor(RACE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("racer finished within " + RACE_TIMEOUT).isTrue();
        }
        Map<String, List<String>> winners = winners(logs);
        assertThat(winners).as("keys some racer won").isNotEmpty();
        Map<String, List<String>> doubles = new HashMap<>();
        winners.forEach((key, who) -> {
            if (who.size() > 1) {
                doubles.put(key, who);
            }
        });
        System.out.printf("putIfAbsent race: %d attempts, %d keys won, %d failed attempts, %d keys with two or more winners %s%n",
                attempts(logs), winners.size(), failures(logs), doubles.size(), doubles);
        assertThat(doubles).as("keys with more than one winner, of " + winners.size() + " won").isEmpty();
        assertStoredValuesAreTheWinners(winners);
    }

    private List<Path> startRacers() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.currentTimeMillis() + 10_000; // time for the racers' JVMs to start and learn the ring
        List<Path> logs = new ArrayList<>();
        for (int r = 0; r < RACERS; r++) {
            Path log = cluster.workDir().resolve("racer-" + r + ".log");
            Path out = cluster.workDir().resolve("racer-" + r + ".out");
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            List<String> command = List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    PutIfAbsentRacer.class.getName(), cluster.seeds(), racer(r), "racer-" + r,
                    Integer.toString(ROUNDS), Integer.toString(KEYS_PER_ROUND), Long.toString(start), Long.toString(SLOT_MILLIS),
                    log.toString());
            racers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start());
            logs.add(log);
        }
        return logs;
    }

    /** Every link between an address of {@code one} and one of {@code other}. */
    private void cut(List<String> one, List<String> other) {
        for (String a : one) {
            for (String b : other) {
                faults.cut(a, b);
            }
        }
    }

    private static String node(int index) {
        return cluster.host(index);
    }

    /** Racer {@code index}'s own address, where its connections leave from. */
    private static String racer(int index) {
        return NET + (61 + index);
    }

    /** Waits until the racers together have logged {@code count} attempts (or all finished). */
    private void awaitAttempts(List<Path> logs, int count) {
        await("racers logged " + count + " attempts").atMost(RACE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> attempts(logs) >= Math.min(count, RACERS * ROUNDS * KEYS_PER_ROUND)
                        || racers.stream().noneMatch(Process::isAlive));
    }

    private static int attempts(List<Path> logs) {
        int n = 0;
        for (Path log : logs) {
            n += lines(log).stream().filter(l -> !l.equals("done")).count();
        }
        return n;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long failures(List<Path> logs) {
        return logs.stream().flatMap(log -> lines(log).stream()).filter(l -> l.startsWith("failed ")).count();
    }

    /** Key to the racers that logged a win of it. */
    private static Map<String, List<String>> winners(List<Path> logs) {
        Map<String, List<String>> winners = new HashMap<>();
        for (int r = 0; r < logs.size(); r++) {
            List<String> lines = lines(logs.get(r));
            assertThat(lines).as("racer-" + r + " log").contains("done");
            for (String line : lines) {
                if (line.startsWith("won ")) {
                    winners.computeIfAbsent(line.substring(4), k -> new ArrayList<>()).add("racer-" + r);
                }
            }
        }
        return winners;
    }

    private void assertStoredValuesAreTheWinners(Map<String, List<String>> winners) {
        provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        Properties settings = new Properties();
        settings.setProperty("dynamo.timeout", "2s");
        CacheManager manager = provider.getCacheManager(URI.create("dynamo://" + cluster.seeds()), getClass().getClassLoader(), settings);
        Cache<String, String> cache = manager.createCache(CACHE, new MutableConfiguration<String, String>());
        await("every won key reads back its winner's value").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(CacheException.class).untilAsserted(() -> {
                    Map<String, String> wrong = new HashMap<>();
                    winners.forEach((key, who) -> {
                        String stored = cache.get(key);
                        if (!who.get(0).equals(stored)) {
                            wrong.put(key, who.get(0) + " won, stored " + stored);
                        }
                    });
                    assertThat(wrong).as("won keys whose stored value is not the winner's").isEmpty();
                });
    }
}
