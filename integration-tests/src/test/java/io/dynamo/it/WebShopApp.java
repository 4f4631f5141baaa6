package io.dynamo.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the example web shop in its own JVM ({@code java -jar} of its exec jar) on a free
 * loopback port, its sessions and carts in the cluster at {@code seeds}, its plain-text session
 * API on and its expiry sweep every second; output in {@code <workDir>/<name>.log}. Killed with
 * {@link #kill} (kill -9), which the {@link WebShopApps} extension also does after the class.
 */
final class WebShopApp implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final URI base;
    private final Path log;

    private WebShopApp(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static WebShopApp start(String name, String seeds, Path workDir) throws IOException {
        Path jar = Path.of(System.getProperty("dynamo.web-shop.jar", "adapters/web-shop/target/missing-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no web shop jar at " + jar + ": build it with mvn package (verify builds it before these tests)");
        }
        int port = freePort();
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--dynamo.session.uri=dynamo://" + seeds, "--dynamo.session.sweep-interval=1s",
                "--web-shop.session-api=true", "--spring.main.banner-mode=off"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WebShopApp app = new WebShopApp(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            await("web shop " + name + " answering (log " + log + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .ignoreException(ConnectException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("web shop " + name + " exited with " + process.exitValue()
                                    + "; see " + log);
                        }
                        return app.get(HttpClient.newHttpClient(), "/api/session").statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            app.kill();
            throw e;
        }
        return app;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    URI base() {
        return base;
    }

    Path log() {
        return log;
    }

    HttpResponse<String> get(HttpClient browser, String path) throws IOException, InterruptedException {
        return send(browser, HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> put(HttpClient browser, String path) throws IOException, InterruptedException {
        return send(browser, HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(HttpClient browser, String path) throws IOException, InterruptedException {
        return send(browser, HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    HttpResponse<String> post(HttpClient browser, String path, String form) throws IOException, InterruptedException {
        return send(browser, HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** kill -9, waiting (bounded) until the JVM is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
