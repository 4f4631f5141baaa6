package io.dynamo.demo;

import io.dynamo.cli.ProgressBar;
import io.dynamo.cli.TlsOptions;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/dynamo demo}: the whole paper on one machine, in about three minutes. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start ZooKeeper and five nodes on loopback, fill shopping carts through JCache, and show a node killed and back "
                + "(hinted handoff), a disk lost and rebuilt (anti-entropy), a join and a leave, siblings and a network partition; "
                + "ends with 'writes lost: N'.")
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave the cluster up after the summary (until Ctrl-C) and print how to reach it.")
    boolean keepRunning;

    /** With TLS, the demo's nodes and its clients use the same files: a node certificate of cluster 'demo'. */
    @Mixin
    TlsOptions tls;

    public static void main(String[] args) {
        // The embedded ZooKeeper and Curator narrate their own start-up, and the clients warn of every node the demo
        // kills: the demo's screen is for the demo, which says what it does (the nodes' own logs are in their files).
        for (String chatty : new String[] {"org.apache.zookeeper", "org.apache.curator", "io.dynamo"}) {
            String property = "org.slf4j.simpleLogger.log." + chatty;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
        // bin/dynamo passes its whole command line, "demo" first.
        String[] own = args.length > 0 && args[0].equals("demo") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cli = new CommandLine(new DemoMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("demo failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        System.exit(cli.execute(own));
    }

    @Override
    public Integer call() throws Exception {
        DemoRun run = new DemoRun(System.out, ProgressBar.onTerminal(), tls.files());
        // Ctrl-C or SIGTERM: every process and iptables rule the demo made goes with it.
        Thread hook = new Thread(run::close, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run(keepRunning);
        } finally {
            run.close();
        }
    }
}
