package io.dynamo.cli;

import io.dynamo.client.DynamoClient;
import io.dynamo.spi.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Read KEY: prints its value, or every sibling when there are several. Exit code 1 when not found.")
final class GetCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--show-context", description = "Also print the read's context, to pass to 'put --context'.")
    boolean showContext;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        try (DynamoClient c = client.connect()) {
            Versioned<byte[]> v = c.get(client.cacheSpec(), key.getBytes(StandardCharsets.UTF_8));
            if (v.isEmpty()) {
                System.out.println("(not found)");
            } else if (v.hasSiblings()) {
                System.out.println(v.values().size() + " siblings:");
                for (byte[] value : v.values()) {
                    System.out.println("  " + new String(value, StandardCharsets.UTF_8));
                }
            } else {
                System.out.println(new String(v.values().get(0), StandardCharsets.UTF_8));
            }
            if (showContext) {
                System.out.println("context " + Base64.getEncoder().encodeToString(v.context().bytes()));
            }
            return v.isEmpty() ? 1 : 0;
        }
    }
}
