package io.dynamo.cli;

import io.dynamo.client.ClientConfig;
import io.dynamo.client.DynamoClient;
import io.dynamo.client.NodeStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", description = "Administer a cluster.", subcommands = {AdminCommand.Status.class, RepairCommands.Repair.class, RepairCommands.Trees.class, RepairCommands.Interval.class})
final class AdminCommand {

    @Command(name = "status", description = "Members, their state, partitions owned and keys held.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--seeds", required = true, paramLabel = "HOST:PORT[,...]")
        String seeds;

        @Option(names = "--cluster", defaultValue = "", paramLabel = "NAME")
        String cluster;

        @Override
        public Integer call() {
            try (DynamoClient c = DynamoClient.connect(new ClientConfig(cluster, ClientConfig.parseSeeds(seeds), Duration.ofSeconds(3)))) {
                System.out.printf("ring epoch %d, %d partitions, %d members%n", c.ring().epoch(), c.ring().partitionCount(),
                        c.ring().members().size());
                System.out.printf("%-12s %-22s %-6s %10s %12s %10s%n", "NODE", "ADDRESS", "STATE", "PARTITIONS", "KEYS", "UPTIME");
                int down = 0;
                for (NodeStatus s : c.status()) {
                    String address = s.member().host() + ":" + s.member().port();
                    if (s.up()) {
                        System.out.printf("%-12s %-22s %-6s %10d %12d %9ds%n", s.member().id(), address, "up", s.partitionsOwned(),
                                s.keys(), s.uptimeMillis() / 1000);
                    } else {
                        down++;
                        System.out.printf("%-12s %-22s %-6s %10s %12s %10s  (%s)%n", s.member().id(), address, "down", "-", "-", "-",
                                s.error().orElse(""));
                    }
                }
                return down == 0 ? 0 : 3;
            }
        }
    }
}
