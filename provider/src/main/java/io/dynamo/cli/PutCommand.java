package io.dynamo.cli;

import io.dynamo.client.DynamoClient;
import io.dynamo.spi.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "put", description = "Write KEY=VALUE. Without --context the write is concurrent with what is stored (a sibling).")
final class PutCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--context", paramLabel = "BASE64", description = "The context printed by 'get --show-context': the put supersedes what that read saw.")
    String context;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Override
    public Integer call() {
        Context ctx = context == null ? Context.empty() : Context.of(Base64.getDecoder().decode(context));
        try (DynamoClient c = client.connect()) {
            Context written = c.put(client.cacheSpec(), key.getBytes(StandardCharsets.UTF_8), ctx, value.getBytes(StandardCharsets.UTF_8));
            System.out.println("ok (context " + Base64.getEncoder().encodeToString(written.bytes()) + ")");
        }
        return 0;
    }
}
