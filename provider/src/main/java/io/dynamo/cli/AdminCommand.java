package io.dynamo.cli;

import io.dynamo.admin.AdminClient;
import io.dynamo.admin.MemberView;
import io.dynamo.cli.bench.BenchDurationConverter;
import io.dynamo.client.ClientConfig;
import io.dynamo.protocol.DynamoException;
import io.dynamo.transport.TransportException;
import io.dynamo.rebalance.RebalanceMessage.ChangeProgress;
import io.dynamo.ring.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", description = "Administer a cluster.", subcommands = {AdminCommand.Status.class, AdminCommand.RingCommand.class, AdminCommand.Hints.class,
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

        // A cold CLI JVM's first request includes its TLS handshake: 3 s failed under load.
        @Option(names = "--timeout", defaultValue = "10s", converter = BenchDurationConverter.class, paramLabel = "D",
                description = "How long to wait for a node's answer (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        /** Membership, hints and changes: answers from whichever node is up. */
        AdminClient connect() {
            return connect(timeout);
        }

        /** The client, or one clear line (exit code 2) when no seed answers: an operator's first question is "is it up?". */
        AdminClient connect(Duration timeout) {
            ClientConfig config = new ClientConfig(cluster, ClientConfig.parseSeeds(seeds), timeout, tls.files());
            try {
                return AdminClient.connect(config);
            } catch (DynamoException | TransportException e) {
                String reason = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", "; ");
                throw new IllegalStateException("cannot reach the cluster at " + seeds + ": " + reason, e);
            }
        }
    }

    /** An admin command that connects, asks, and prints one report: table or {@code --json}. */
    abstract static class Reporting implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        public final Integer call() {
            try (AdminClient c = target.connect()) {
                return report(c);
            }
        }

        /** Prints the report; returns the exit code. */
        abstract int report(AdminClient c);
    }

    @Command(name = "status", description = "Members as gossip sees them (joining, up, leaving, down), partitions owned and keys held.")
    static final class Status extends Reporting {
        @Override
        int report(AdminClient c) {
            List<MemberView> members = c.members();
            StatusReport report = StatusReport.of(c.ring(), members, c.status(members(members)));
            output.print(report);
            return report.down() == 0 ? 0 : 3;
        }
    }

    @Command(name = "ring", description = "The ring: its epoch, partition count, and each member's share of the partitions.")
    static final class RingCommand extends Reporting {
        @Override
        int report(AdminClient c) {
            output.print(RingReport.of(c.ring()));
            return 0;
        }
    }

    @Command(name = "hints", description = "Hints pending for hinted handoff, per target node (the intended owner), and where they are held.")
    static final class Hints extends Reporting {
        @Override
        int report(AdminClient c) {
            List<Member> all = members(c.members());
            List<String> ids = new ArrayList<>();
            all.forEach(m -> ids.add(m.id().value()));
            output.print(HintsReport.of(c.hints(all), ids));
            return 0;
        }
    }

    private static List<Member> members(List<MemberView> views) {
        List<Member> all = new ArrayList<>();
        views.forEach(v -> all.add(v.member()));
        return all;
    }

    @Command(name = "join", description = "Give a node (started with --seeds) its share of partitions: plans the moves, streams them while traffic goes on, shows progress.")
    static final class Join implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Option(names = "--node", required = true, paramLabel = "ID@HOST:PORT")
        String node;

        @Option(names = "--dry-run", description = "Print the plan (partitions, keys and bytes that would move) and move nothing.")
        boolean dryRun;

        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws InterruptedException {
            Member.parse(node); // a clear error before anything is sent
            return dryRun ? plan(target, output, true, node) : change(target, output, true, node);
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

        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws InterruptedException {
            return dryRun ? plan(target, output, false, node) : change(target, output, false, node);
        }
    }

    /** Prints what the change would move (riak_core's staged "plan, show"): 0, or 1 when some sizes could not be asked. */
    static int plan(Target target, OutputOptions output, boolean join, String node) {
        try (AdminClient c = target.connect()) {
            ChangeProgress p = c.plan(join, node);
            output.print(ChangeReport.planned(p));
            return p.error().isEmpty() ? 0 : 1;
        }
    }

    /**
     * Starts the change and follows it until it is done: a progress bar redrawn in place on a
     * terminal, a line every second elsewhere, nothing but the final report with {@code --json}.
     * 0 when it completed, 1 when it stopped.
     */
    static int change(Target target, OutputOptions output, boolean join, String node) throws InterruptedException {
        try (AdminClient c = target.connect()) {
            ChangeProgress p = c.change(join, node);
            boolean terminal = ProgressBar.onTerminal();
            if (!output.json) {
                System.out.println("plan: " + p.description());
            }
            while (p.running()) {
                Thread.sleep(terminal ? 250 : 1000);
                p = c.changeStatus();
                if (output.json) {
                    continue;
                }
                if (terminal) {
                    System.out.print("\r" + ProgressBar.render(p.moved(), p.total()) + " " + ChangeReport.progressLine(p));
                } else {
                    System.out.println(ChangeReport.progressLine(p));
                }
            }
            if (terminal && !output.json) {
                System.out.println();
            }
            output.print(ChangeReport.finished(p));
            return p.error().isEmpty() ? 0 : 1;
        }
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

        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            String[] now = io.dynamo.zookeeper.ZooKeeperDirectory.write(io.dynamo.config.ZkAddress.parse(zk), cluster,
                    java.util.Optional.ofNullable(seeds), java.util.Optional.ofNullable(config), Duration.ofSeconds(5));
            output.print(new ZkSettings(now[0], now[1].trim().replace('\n', ',')));
            return 0;
        }
    }

    /** What ZooKeeper holds for a cluster: its seeds and its settings. */
    record ZkSettings(String seeds, String config) implements OutputOptions.Report {
        @Override
        public String human() {
            return "seeds:  " + seeds + "\nconfig: " + config;
        }
    }
}
