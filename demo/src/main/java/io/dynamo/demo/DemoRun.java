package io.dynamo.demo;

import io.dynamo.launcher.LoopbackCuts;
import io.dynamo.security.TlsFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The demo from start to summary: ZooKeeper and five nodes, shoppers filling carts throughout,
 * then each failure and change the paper handles, one phase at a time, each bounded in time.
 * {@link #close()} stops everything it started (idempotent; also the shutdown hook's job on Ctrl-C).
 */
final class DemoRun implements AutoCloseable {
    /** Nodes by index: n3 is killed, n4 wiped, n6 joins and n2 leaves; the partition cuts n1,n3,n4 from n5,n6. */
    private static final int KILLED = 2;
    private static final int WIPED = 3;
    private static final int JOINING = 5;
    private static final int LEAVING = 1;
    private static final List<Integer> AT_THE_END = List.of(0, 2, 3, 4, 5);
    private static final int SETTLED = 400;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(60);

    private final PrintStream out;
    private final Screen screen;
    private final Optional<TlsFiles> tls;
    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;

    DemoRun(PrintStream out, boolean terminal, Optional<TlsFiles> tls) {
        this.out = out;
        this.screen = new Screen(out, terminal);
        this.tls = tls;
    }

    /** Runs every phase and prints the summary; 0 when no acknowledged write was lost. */
    int run(boolean keepRunning) throws Exception {
        long begun = System.nanoTime();
        screen.say("== ZooKeeper (embedded) holds the cluster's seeds and settings (" + DemoCluster.SETTINGS + ")");
        DemoCluster cluster = own(DemoCluster.prepare(Files.createTempDirectory("dynamo-demo"), tls));
        screen.say("== starting " + DemoCluster.FIRST_NODES + " nodes, each its own JVM on its own loopback address, RocksDB under "
                + cluster.dir() + "; each takes its seeds from ZooKeeper " + cluster.zk());
        cluster.startFirstNodes();
        ClusterProbe probe = own(new ClusterProbe(cluster));
        CartClients clients = own(new CartClients(tls));
        Meter meter = new Meter();
        Ledger ledger = new Ledger();
        LiveFigures figures = own(new LiveFigures(screen, meter, probe::hintsPending));
        Stage stage = new Stage(screen, cluster, probe, figures, clients, ledger);

        Workload workload = own(new Workload(clients.store(cluster.seeds(), 2, 2, Optional.empty()), meter, ledger));
        figures.start();
        screen.say("== " + SETTLED + " settled carts written once through JCache and CartStore: no later write refreshes them");
        screen.say("   " + workload.settle(SETTLED) + " acknowledged");
        screen.say("== shoppers add to " + Workload.CARTS + " carts through JCache and CartStore (the cart's merge policy, N=3 R=2 W=2)");
        workload.start();
        Thread.sleep(WARM_UP.toMillis());
        screen.endPhase();

        FailurePhases.killAndRevive(stage, KILLED);
        FailurePhases.wipeAndRepair(stage, WIPED);
        MembershipPhase.join(stage, JOINING);
        MembershipPhase.leave(stage, LEAVING);
        SiblingsPhase.run(stage);
        partition(stage);

        workload.close();
        screen.say("== reading back every acknowledged add, with R=3, once no hint is pending");
        ClusterProbe.await(() -> probe.hintsPending() == 0, SETTLE_PATIENCE);
        long lost = ledger.lost(clients.store(seeds(cluster, AT_THE_END), 3, 2, Optional.empty()));
        figures.close();
        screen.finish();
        new Summary(meter.requests(), meter.failures(), meter.whole(), ledger.size(), figures.keysRepaired(),
                FailurePhases.seconds(begun), lost).print(out);
        if (keepRunning) {
            keepRunning(cluster);
        }
        return lost == 0 ? 0 : 1;
    }

    private void partition(Stage stage) throws Exception {
        String unavailable = LoopbackCuts.unavailableReason();
        if (!unavailable.isEmpty()) {
            screen.say("== network partition: skipped (" + unavailable + ")");
            return;
        }
        LoopbackCuts cuts = own(new LoopbackCuts("dynamo-demo-" + ProcessHandle.current().pid()));
        PartitionPhase.run(stage, cuts, List.of(0, 2, 3), List.of(4, 5));
    }

    private void keepRunning(DemoCluster cluster) throws InterruptedException {
        String seeds = seeds(cluster, AT_THE_END);
        out.println();
        out.println("the cluster keeps running (--keep-running); Ctrl-C stops it and deletes its data");
        out.println("  seeds:     " + seeds);
        out.println("  zookeeper: " + cluster.zk() + " (cluster " + DemoCluster.NAME + ")");
        out.println("  logs:      " + cluster.nodes().workDir() + "/nN.log");
        out.println("  try:       bin/dynamo admin status --seeds " + seeds);
        out.println("             bin/dynamo get --seeds " + seeds + " wishlist:alice --cache demo-raw");
        out.println("             jcache URI dynamo://" + seeds);
        out.flush();
        new CountDownLatch(1).await();
    }

    private static String seeds(DemoCluster cluster, List<Integer> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(i -> out.add(cluster.nodes().address(i)));
        return String.join(",", out);
    }

    private <T extends AutoCloseable> T own(T resource) {
        synchronized (started) {
            started.add(resource);
        }
        return resource;
    }

    /** Everything this run started, the last started first: shoppers, iptables rules, clients, nodes, ZooKeeper. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (started) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(started);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("demo: while stopping " + toClose.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
