package io.dynamo.cli;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.admin.NodeStatus;
import io.dynamo.client.ClientConfig;
import io.dynamo.membership.MemberState;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", description = "Administer a cluster.", subcommands = {AdminCommand.Status.class, AdminCommand.Hints.class,
        AdminCommand.Join.class, AdminCommand.Leave.class, AdminCommand.ZkConfig.class, RepairCommands.Repair.class,
        RepairCommands.Trees.class, RepairCommands.Interval.class, CertsCommand.class})
final class AdminCommand {

    /** Where the cluster is: shared by every admin subcommand. */
    static final class Target {
        @Option(names = "--seeds", required = true, paramLabel = "HOST:PORT[,...]")
        String seeds;

        @Option(names = "--cluster", defaultValue = "", paramLabel = "NAME")
        String cluster;

        @picocli.CommandLine.Mixin
        TlsOptions tls;

        /** Membership, hints and changes: quick answers from whichever node is up. */
        AdminClient connect() {
            return connect(Duration.ofSeconds(3));
        }

        AdminClient connect(Duration timeout) {
            return AdminClient.connect(new ClientConfig(cluster, ClientConfig.parseSeeds(seeds), timeout, tls.files()));
        }
    }

    @Command(name = "status", description = "Members as gossip sees them (joining, up, leaving, down), partitions owned and keys held.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() {
            try (AdminClient c = target.connect()) {
                List<MemberView> members = c.members();
                List<Member> all = new ArrayList<>();
                for (MemberView m : members) {
                    all.add(m.member());
                }
                Map<String, NodeStatus> status = new TreeMap<>();
                for (NodeStatus s : c.status(all)) {
                    status.put(s.member().id().value(), s);
                }
                System.out.printf("ring epoch %d, %d partitions, %d members (%d in the ring)%n", c.ring().epoch(),
                        c.ring().partitionCount(), members.size(), c.ring().members().size());
                System.out.printf("%-12s %-22s %-8s %10s %12s %10s%n", "NODE", "ADDRESS", "STATE", "PARTITIONS", "KEYS", "UPTIME");
                int down = 0;
                for (MemberView m : members) {
                    NodeStatus s = status.get(m.member().id().value());
                    boolean isDown = m.state() == MemberState.DOWN || s == null || !s.up();
                    boolean left = isDown && c.ring().member(m.member().id()).isEmpty() && m.state() != MemberState.JOINING;
                    String state = left ? "left" : isDown ? "down" : m.state().label();
                    String address = m.member().hostPort();
                    if (!isDown) {
                        System.out.printf("%-12s %-22s %-8s %10d %12d %9ds%n", m.member().id(), address, state, m.partitions(),
                                s.keys(), s.uptimeMillis() / 1000);
                    } else {
                        down += left ? 0 : 1; // a node that left the ring and was stopped is no failure
                        System.out.printf("%-12s %-22s %-8s %10d %12s %10s  (%s)%n", m.member().id(), address, state, m.partitions(),
                                "-", "-", s == null ? "" : s.error().orElse("seen down by gossip"));
                    }
                }
                return down == 0 ? 0 : 3;
            }
        }
    }

    @Command(name = "hints", description = "Hints pending for hinted handoff, per target node (the intended owner), and where they are held.")
    static final class Hints implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Override
        public Integer call() {
            try (AdminClient c = target.connect()) {
                List<Member> all = new ArrayList<>();
                for (MemberView m : c.members()) {
                    all.add(m.member());
                }
                Map<String, Map<String, Long>> byHolder = c.hints(all);
                Map<String, Map<String, Long>> byTarget = new TreeMap<>();
                byHolder.forEach((holder, pending) -> pending.forEach((owner, count) ->
                        byTarget.computeIfAbsent(owner, o -> new TreeMap<>()).put(holder, count)));
                System.out.printf("%-12s %10s  %s%n", "TARGET", "HINTS", "HELD BY");
                long total = 0;
                for (Map.Entry<String, Map<String, Long>> e : byTarget.entrySet()) {
                    long sum = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                    total += sum;
                    StringBuilder held = new StringBuilder();
                    e.getValue().forEach((holder, count) -> held.append(held.length() == 0 ? "" : ", ").append(holder).append('=').append(count));
                    System.out.printf("%-12s %10d  %s%n", e.getKey(), sum, held);
                }
                System.out.printf("total %d pending hint(s)", total);
                List<String> silent = new ArrayList<>();
                for (Member m : all) {
                    if (!byHolder.containsKey(m.id().value())) {
                        silent.add(m.id().value());
                    }
                }
                System.out.println(silent.isEmpty() ? "" : "; not answering (their hints unknown): " + silent);
                return 0;
            }
        }
    }

    @Command(name = "join", description = "Give a node (started with --seeds) its share of partitions: plans the moves, streams them while traffic goes on, shows progress.")
    static final class Join implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Option(names = "--node", required = true, paramLabel = "ID@HOST:PORT")
        String node;

        @Option(names = "--dry-run", description = "Print the plan (partitions, keys and bytes that would move) and move nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws InterruptedException {
            Member.parse(node); // a clear error before anything is sent
            return dryRun ? plan(target, true, node) : change(target, true, node);
        }
    }

    @Command(name = "leave", description = "Hand a node's partitions over to the others (streamed while traffic goes on, with progress); then it may be stopped.")
    static final class Leave implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Option(names = "--node", required = true, paramLabel = "ID")
        String node;

        @Option(names = "--dry-run", description = "Print the plan (partitions, keys and bytes that would move) and move nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws InterruptedException {
            return dryRun ? plan(target, false, node) : change(target, false, node);
        }
    }

    /** Prints what the change would move (riak_core's staged "plan, show"): 0, or 1 when some sizes could not be asked. */
    static int plan(Target target, boolean join, String node) {
        try (AdminClient c = target.connect()) {
            ChangeProgress p = c.plan(join, node);
            System.out.println("plan: " + p.description());
            System.out.printf("would stream %d keys, %d bytes; nothing moved%n", p.keys(), p.bytes());
            if (!p.error().isEmpty()) {
                System.out.println("incomplete: " + p.error());
                return 1;
            }
            return 0;
        }
    }

    /** Starts the change and prints its progress every second until it is done: 0 when it completed, 1 when it stopped. */
    static int change(Target target, boolean join, String node) throws InterruptedException {
        try (AdminClient c = target.connect()) {
            ChangeProgress p = c.change(join, node);
            System.out.println("plan: " + p.description());
            while (p.running()) {
                Thread.sleep(1000);
                p = c.changeStatus();
                System.out.println(progressLine(p));
            }
            if (!p.error().isEmpty()) {
                System.out.println("stopped: " + p.error());
                return 1;
            }
            System.out.println("done: " + progressLine(p));
            return 0;
        }
    }

    static String progressLine(ChangeProgress p) {
        double seconds = Math.max(p.elapsedMillis(), 1) / 1000.0;
        double rate = p.bytes() / seconds;
        String remaining = p.moved() == 0 || !p.running() ? "-"
                : String.format("~%.0fs", seconds * (p.total() - p.moved()) / p.moved());
        return String.format("partitions %d/%d, %d keys, %d bytes moved, %.1f KB/s, %.1fs elapsed, remaining %s", p.moved(), p.total(),
                p.keys(), p.bytes(), rate / 1024, seconds, remaining);
    }

    @Command(name = "zk-config", description = "Show, and set when given, a cluster's seeds and settings in ZooKeeper.")
    static final class ZkConfig implements Callable<Integer> {
        @Option(names = "--zk", required = true, paramLabel = "HOST:PORT/ROOT")
        String zk;

        @Option(names = "--cluster", required = true, paramLabel = "NAME")
        String cluster;

        @Option(names = "--set-seeds", paramLabel = "ID@HOST:PORT[,...]")
        String seeds;

        @Option(names = "--set-config", paramLabel = "KEY=VALUE[,...]", description = "N, R, W, Q, timeout, e.g. W=3,timeout=1s")
        String config;

        @Override
        public Integer call() throws Exception {
            String[] now = io.dynamo.zookeeper.ZooKeeperDirectory.write(io.dynamo.config.ZkAddress.parse(zk), cluster,
                    java.util.Optional.ofNullable(seeds), java.util.Optional.ofNullable(config), Duration.ofSeconds(5));
            System.out.println("seeds:  " + now[0]);
            System.out.println("config: " + now[1].trim().replace('\n', ','));
            return 0;
        }
    }
}
