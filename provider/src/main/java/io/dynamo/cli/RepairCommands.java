package io.dynamo.cli;

import io.dynamo.admin.AdminClient;
import io.dynamo.antientropy.AntiEntropyMessage.PartitionTree;
import io.dynamo.antientropy.AntiEntropyMessage.RepairProgress;
import io.dynamo.antientropy.AntiEntropyMessage.TreeSummaryResult;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code admin repair} and {@code admin trees}: anti-entropy on demand (paper §4.7). */
final class RepairCommands {
    /** Tree summaries cover every partition, and a repairing node is busy: a longer wait than the other admin commands get. */
    private static final Duration REPAIR_TIMEOUT = Duration.ofSeconds(10);

    private RepairCommands() {}

    @Command(name = "repair", description = "Run a full anti-entropy exchange now on every node (or --node) with each replica of its partitions.")
    static final class Repair implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AdminCommand.Target target;

        @Option(names = "--node", paramLabel = "ID", description = "Only this node repairs (with each of its partitions' replicas).")
        String node;

        @Option(names = "--cache", defaultValue = "", paramLabel = "NAME", description = "Only this cache's keys travel (default: every cache).")
        String cache;

        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws InterruptedException {
            try (AdminClient admin = target.connect(REPAIR_TIMEOUT)) {
                boolean terminal = ProgressBar.onTerminal() && !output.json;
                long[] total = new long[7];
                List<String> failed = new ArrayList<>();
                for (Member m : admin.ringMembers(Optional.ofNullable(node))) {
                    RepairProgress p = admin.startRepair(m, cache);
                    long lastLine = 0;
                    while (!p.done()) {
                        Thread.sleep(200);
                        p = admin.repairStatus(m, p.job());
                        if (terminal) {
                            System.out.print("\r" + ProgressBar.render(p.partitionsDone(), p.partitionsTotal()) + " " + line(m, p));
                        } else if (!output.json && System.nanoTime() - lastLine > 2_000_000_000L) {
                            System.out.println(line(m, p));
                            lastLine = System.nanoTime();
                        }
                    }
                    if (terminal) {
                        System.out.print("\r");
                    }
                    if (!output.json) {
                        System.out.println(line(m, p));
                    }
                    if (!p.errors().isEmpty()) {
                        failed.add(m.id().value());
                        if (!output.json) {
                            System.out.println("  errors: " + p.errors());
                        }
                    }
                    total[0] += p.partitionsDone();
                    total[1] += p.keysSent();
                    total[2] += p.keysReceived();
                    total[3] += p.bytesSent();
                    total[4] += p.bytesReceived();
                    total[5] += p.elapsedMillis();
                    total[6] += p.tombstonesPurged();
                }
                output.print(new RepairSummary(total[0], total[1], total[2], total[3], total[4], total[6], total[5] / 1000.0, failed));
                return failed.isEmpty() ? 0 : 3;
            }
        }

        /** Every node's exchanges added up; {@code failed} are the nodes whose exchange with some replica failed. */
        record RepairSummary(long partitions, long keysSent, long keysReceived, long bytesSent, long bytesReceived, long tombstonesPurged,
                double seconds, List<String> failed) implements OutputOptions.Report {
            @Override
            public String human() {
                return String.format("summary: %d partitions compared, %d keys sent, %d keys received, %d bytes sent, %d bytes received, "
                        + "%d tombstones purged, %.1f s", partitions, keysSent, keysReceived, bytesSent, bytesReceived, tombstonesPurged, seconds);
            }
        }

        private static String line(Member m, RepairProgress p) {
            return String.format("%-8s partitions %d/%d  exchanges %d (%d differed)  keys sent %d received %d  bytes sent %d received %d  %.1f s%s",
                    m.id(), p.partitionsDone(), p.partitionsTotal(), p.exchanges(), p.differingExchanges(), p.keysSent(), p.keysReceived(),
                    p.bytesSent(), p.bytesReceived(), p.elapsedMillis() / 1000.0, p.done() ? "  done" : "");
        }
    }

    @Command(name = "anti-entropy", description = "Show or set each node's (or --node's) periodic anti-entropy interval at run time.")
    static final class Interval implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AdminCommand.Target target;

        @Option(names = "--node", paramLabel = "ID")
        String node;

        @Option(names = "--interval", paramLabel = "DURATION", description = "New interval, e.g. 60s; 0 pauses periodic exchanges.")
        String interval;

        @Override
        public Integer call() {
            Optional<Duration> set = Optional.ofNullable(interval).map(i -> io.dynamo.cli.bench.BenchDurations.parse("--interval", i));
            try (AdminClient admin = target.connect(REPAIR_TIMEOUT)) {
                for (Member m : admin.ringMembers(Optional.ofNullable(node))) {
                    Duration now = admin.interval(m, set);
                    System.out.printf("%-8s anti-entropy interval %s%n", m.id(), now.isZero() ? "0 (periodic exchanges off)" : now.toMillis() + " ms");
                }
                return 0;
            }
        }
    }

    @Command(name = "trees", description = "Each node's Merkle trees: roots and key counts, and the partitions whose replicas differ.")
    static final class Trees implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AdminCommand.Target target;

        @Option(names = {"-N", "--replicas"}, defaultValue = "3", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
        int replicas;

        @Option(names = "--partitions", description = "Also print every partition's root and key count.")
        boolean partitions;

        @Override
        public Integer call() {
            try (AdminClient admin = target.connect(REPAIR_TIMEOUT)) {
                List<TreeSummaryResult> summaries = new ArrayList<>();
                for (Member m : admin.ringMembers(Optional.empty())) {
                    try {
                        TreeSummaryResult s = admin.trees(m);
                        summaries.add(s);
                        long ready = s.partitions().stream().filter(PartitionTree::ready).count();
                        long keys = s.partitions().stream().mapToLong(PartitionTree::keys).sum();
                        long tombstones = s.partitions().stream().mapToLong(PartitionTree::tombstones).sum();
                        System.out.printf("%-8s %d/%d trees built, %d keys (%d tombstone-only)%n", m.id(), ready, s.partitions().size(), keys,
                                tombstones);
                        if (partitions) {
                            for (PartitionTree t : s.partitions()) {
                                System.out.printf("  %5d %s %d%n", t.partition(), java.util.HexFormat.of().formatHex(t.root()), t.keys());
                            }
                        }
                    } catch (RuntimeException e) {
                        System.out.printf("%-8s unreachable: %s%n", m.id(), e.getMessage());
                    }
                }
                List<Integer> differing = admin.differingPartitions(summaries, replicas);
                System.out.printf("partitions whose replicas differ: %d of %d%s%n", differing.size(), admin.ring().partitionCount(),
                        differing.isEmpty() ? "" : " " + differing.subList(0, Math.min(20, differing.size())));
                return differing.isEmpty() ? 0 : 4;
            }
        }
    }
}
