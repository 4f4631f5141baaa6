package io.dynamo.it;

import io.dynamo.jcache.DynamoCachingProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * One client process of {@link ConditionalOperationsJepsenTest}: races {@code putIfAbsent(key, ownId)}
 * over the same keys as the other racers, round by round at agreed wall-clock instants (so that
 * the racers hit each key together), and logs one line per attempt to its output file: {@code won
 * KEY}, {@code lost KEY} or {@code failed KEY REASON} (a failure may still have applied).
 *
 * <p>Arguments: seeds, local address, racer id, rounds, keys per round, start (epoch ms), slot
 * (ms per round), output file.
 */
public final class PutIfAbsentRacer {
    private PutIfAbsentRacer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String seeds = args[0];
        String localAddress = args[1];
        String id = args[2];
        int rounds = Integer.parseInt(args[3]);
        int keysPerRound = Integer.parseInt(args[4]);
        long start = Long.parseLong(args[5]);
        long slot = Long.parseLong(args[6]);
        Path out = Path.of(args[7]);
        CachingProvider provider = Caching.getCachingProvider(DynamoCachingProvider.class.getName());
        Properties settings = new Properties();
        settings.setProperty("dynamo.timeout", "1s");
        settings.setProperty("dynamo.local-address", localAddress);
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), true)) {
            CacheManager manager = provider.getCacheManager(URI.create("dynamo://" + seeds), PutIfAbsentRacer.class.getClassLoader(), settings);
            Cache<String, String> cache = manager.createCache(ConditionalOperationsJepsenTest.CACHE, new MutableConfiguration<String, String>());
            for (int round = 0; round < rounds; round++) {
                long wait = start + round * slot - System.currentTimeMillis();
                if (wait > 0) {
                    TimeUnit.MILLISECONDS.sleep(wait); // a meeting time agreed with the other racers, not a wait for a condition
                }
                for (int k = 0; k < keysPerRound; k++) {
                    String key = ConditionalOperationsJepsenTest.key(round, k);
                    try {
                        log.println((cache.putIfAbsent(key, id) ? "won " : "lost ") + key);
                    } catch (RuntimeException e) {
                        log.println("failed " + key + " " + String.valueOf(e.getMessage()).replace('\n', ' '));
                    }
                }
            }
            log.println("done");
        } finally {
            provider.close();
        }
    }
}
