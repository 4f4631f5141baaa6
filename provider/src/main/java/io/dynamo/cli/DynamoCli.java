package io.dynamo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/dynamo}: run a node, use a cluster from the shell, administer it, measure it (also on a local cluster it starts); {@code bin/dynamo demo} is the demo module's own main. */
@Command(name = "dynamo", mixinStandardHelpOptions = true, version = "dynamo 0.1.0",
        description = "A Dynamo-style replicated key-value store.",
        subcommands = {NodeCommand.class, PutCommand.class, GetCommand.class, DeleteCommand.class, AdminCommand.class,
                BenchCommand.class, BenchClusterCommand.class, ZkCommand.class})
public final class DynamoCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new DynamoCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cli.execute(args);
    }
}
