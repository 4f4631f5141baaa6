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

@Command(name = "delete", description = "Delete KEY (a versioned tombstone). Reads first so the delete covers every version seen, unless --context is given.")
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--context", paramLabel = "BASE64", description = "Delete only what this context covers.")
    String context;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        try (DynamoClient c = client.connect()) {
            Context ctx = context != null ? Context.of(Base64.getDecoder().decode(context)) : c.get(client.cacheSpec(), k).context();
            c.delete(client.cacheSpec(), k, ctx);
            System.out.println("deleted");
        }
        return 0;
    }
}
