package io.dynamo.cli;

import io.dynamo.zookeeper.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zk", description = "Run an embedded ZooKeeper server (for demos and tests) until SIGTERM.")
final class ZkCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws Exception {
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(host, port, dataDir, Duration.ofSeconds(30));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            zk.close();
            stopped.countDown();
        }, "zookeeper-shutdown"));
        System.out.println("zookeeper ready on " + host + ":" + port);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
