package io.dynamo.cli;

import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.coordinator.CacheSpec;
import io.dynamo.launcher.ClusterLayout;
import io.dynamo.launcher.LocalCluster;
import io.dynamo.launcher.NodeRuntime;
import io.dynamo.security.TlsFiles;
import io.dynamo.spi.Context;
import io.dynamo.spi.Versioned;
import io.dynamo.version.ConflictPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Start a 3-node cluster on loopback, write and read through it, kill a node, keep going, restart it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keys", defaultValue = "1000", description = "Keys written in each phase (default: ${DEFAULT-VALUE}).")
    int keys;

    /** With TLS, the demo's nodes and its client use the same files: a node certificate of cluster 'demo'. */
    @picocli.CommandLine.Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        if (keys < 1 || keys > 1_000_000) {
            throw new IllegalArgumentException("--keys must be between 1 and 1000000");
        }
        Path dir = Files.createTempDirectory("dynamo-demo");
        CacheSpec cache = CacheSpec.defaults("demo", ConflictPolicy.SIBLINGS);
        long started = System.nanoTime();
        ClusterLayout layout = ClusterLayout.onFreePorts("demo", 3, i -> "127.0.0.1");
        NodeRuntime nodes = NodeRuntime.thisJvm(DynamoCli.class.getName(), List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        Optional<TlsFiles> files = tls.files();
        List<String> nodeArgs = files.map(f -> List.of("--tls-cert", f.cert().toString(), "--tls-key", f.key().toString(),
                "--tls-ca", f.ca().toString())).orElse(List.of());
        try (LocalCluster cluster = LocalCluster.builder(layout, nodes, dir).nodeArgs(nodeArgs).deleteWorkDirOnClose().build()) {
            step("starting 3 nodes (separate JVMs, RocksDB, N=3 R=2 W=2): " + cluster.members());
            cluster.startAll();
            try (DynamoClient client = DynamoClient.connect(new ClientConfig("demo", ClientConfig.parseSeeds(cluster.seeds()), Duration.ofSeconds(5), files))) {
                step("writing " + keys + " keys");
                write(client, cache, 0, keys);
                step("reading them back: " + verify(client, cache, keys) + " of " + keys + " found");

                step("kill -9 node " + cluster.id(1));
                cluster.kill(1);
                step("writing " + keys + " more keys with one node down");
                write(client, cache, keys, 2 * keys);
                int found = verify(client, cache, 2 * keys);
                step("reading all " + 2 * keys + " keys with one node down: " + found + " found");

                step("restarting node " + cluster.id(1) + " from its data directory");
                cluster.start(1);
                int after = verify(client, cache, 2 * keys);
                step("reading all " + 2 * keys + " keys after the restart: " + after + " found (reads repair the restarted node)");

                byte[] key = "cart:alice".getBytes(StandardCharsets.UTF_8);
                client.put(cache, key, Context.empty(), "book".getBytes(StandardCharsets.UTF_8));
                client.put(cache, key, Context.empty(), "pen".getBytes(StandardCharsets.UTF_8));
                Versioned<byte[]> siblings = client.get(cache, key);
                step("two writes without context to one key give " + siblings.values().size() + " siblings; a write with the read's context resolves them");
                client.put(cache, key, siblings.context(), "book,pen".getBytes(StandardCharsets.UTF_8));
                int resolved = client.get(cache, key).values().size();

                boolean ok = found == 2 * keys && after == 2 * keys && siblings.values().size() == 2 && resolved == 1;
                System.out.printf("%nsummary: %d writes and %d reads, every acknowledged write read back: %s, siblings kept and resolved: %s, %.1f s%n",
                        2 * keys + 3, 5 * keys + 2, found == 2 * keys && after == 2 * keys ? "yes" : "NO",
                        siblings.values().size() == 2 && resolved == 1 ? "yes" : "NO", (System.nanoTime() - started) / 1e9);
                return ok ? 0 : 1;
            }
        }
    }

    private static void write(DynamoClient client, CacheSpec cache, int from, int to) {
        for (int i = from; i < to; i++) {
            client.put(cache, key(i), Context.empty(), ("value-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int verify(DynamoClient client, CacheSpec cache, int count) {
        int found = 0;
        for (int i = 0; i < count; i++) {
            Versioned<byte[]> v = client.get(cache, key(i));
            if (v.values().size() == 1 && new String(v.values().get(0), StandardCharsets.UTF_8).equals("value-" + i)) {
                found++;
            }
        }
        return found;
    }

    private static byte[] key(int i) {
        return ("demo-key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static void step(String what) {
        System.out.println("== " + what);
    }
}
