package io.dynamo.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The metrics endpoint, plain HTTP (the JDK's server, one thread: scrapes are rare):
 * {@code GET /metrics} in Prometheus' text format, {@code GET /} (or {@code /status}) the status
 * page. It serves read-only figures and takes no input, so it needs no TLS of its own; it is bound
 * to the node's listen address, and off that host it is as reachable as the node's port.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Daemons.named("metrics-http"));

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} on {@code address} (port 0: a free one). */
    public static MetricsServer start(InetSocketAddress address, NodeMetrics metrics) {
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort(), e);
        }
        MetricsServer out = new MetricsServer(http);
        http.createContext("/metrics", ex -> out.answer(ex, PROMETHEUS_TEXT, metrics::scrape));
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/status")) {
                out.answer(ex, "text/html; charset=utf-8", () -> StatusPage.render(metrics.snapshot()));
            } else {
                out.send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + " (try /metrics or /status)\n");
            }
        });
        http.setExecutor(out.thread);
        http.start();
        return out;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void answer(HttpExchange ex, String type, Supplier<String> body) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            return;
        }
        send(ex, 200, type, body.get());
    }

    private void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
