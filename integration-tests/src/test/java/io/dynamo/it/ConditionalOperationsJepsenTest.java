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
 * JVMs while the network is cut into halves (clients on both sides, their connections leaving from
 * their side's address) and nodes are killed with SIGKILL and restarted. Each client logs the keys
 * it won. After the heal: at most one winner per key, and the value stored is the winner's.
 */
class ConditionalOperationsJepsenTest {
    static final String CACHE = "jepsen";
    private static final int NODES = 5;
    private static final int ROUNDS = 50;
    private static final int KEYS_PER_ROUND = 3;
    private static final long SLOT_MILLIS = 300;
    private static final Duration RACE_TIMEOUT = Duration.ofMinutes(6);
    /** Each racer leaves from one node's address: two on the {0,1} side of the first cut, two on the {2,3,4} side. */
    private static final int[] RACER_HOSTS = {0, 1, 2, 3};

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
        cutInHalves(new int[] {0, 1}, new int[] {2, 3, 4});
        awaitAttempts(logs, 120);
        faults.healAll();
        cluster.kill(2);
        awaitAttempts(logs, 220);
        cluster.start(2);
        cutInHalves(new int[] {0, 2}, new int[] {1, 3, 4});
        awaitAttempts(logs, 320);
        cluster.kill(3);
        awaitAttempts(logs, 400);
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
        assertThat(doubles).as("keys with more than one winner, of " + winners.size() + " won").isEmpty();
        assertStoredValuesAreTheWinners(winners);
    }

    private List<Path> startRacers() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.currentTimeMillis() + 10_000; // time for the racers' JVMs to start and learn the ring
        List<Path> logs = new ArrayList<>();
        for (int r = 0; r < RACER_HOSTS.length; r++) {
            Path log = cluster.workDir().resolve("racer-" + r + ".log");
            Path out = cluster.workDir().resolve("racer-" + r + ".out");
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            List<String> command = List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    PutIfAbsentRacer.class.getName(), cluster.seeds(), cluster.host(RACER_HOSTS[r]), "racer-" + r,
                    Integer.toString(ROUNDS), Integer.toString(KEYS_PER_ROUND), Long.toString(start), Long.toString(SLOT_MILLIS),
                    log.toString());
            racers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start());
            logs.add(log);
        }
        return logs;
    }

    private void cutInHalves(int[] one, int[] other) {
        for (int a : one) {
            for (int b : other) {
                faults.cut(cluster.host(a), cluster.host(b));
            }
        }
    }

    /** Waits until the racers together have logged {@code count} attempts (or all finished). */
    private void awaitAttempts(List<Path> logs, int count) {
        await("racers logged " + count + " attempts").atMost(RACE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> attempts(logs) >= Math.min(count, RACER_HOSTS.length * ROUNDS * KEYS_PER_ROUND)
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
