package io.dynamo.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The web shop instances of one test class, started on the class's {@link TestCluster} when a test
 * first needs them and killed after the class, also when a test or a start failed. Register it
 * after the cluster so that it closes first.
 */
final class WebShopApps implements AfterAllCallback {
    private final TestCluster cluster;
    private final List<WebShopApp> apps = new ArrayList<>();
    /** A start that failed fails every later test at once instead of trying (and waiting) again. */
    private IllegalStateException failedStart;

    WebShopApps(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** The {@code index}th instance (0 or 1...), started now if it is not running. */
    synchronized WebShopApp app(int index) throws IOException {
        if (failedStart != null) {
            throw failedStart;
        }
        try {
            while (apps.size() <= index) {
                apps.add(WebShopApp.start("web-shop-" + apps.size(), cluster.seeds(), cluster.workDir()));
            }
        } catch (IOException | RuntimeException e) {
            failedStart = new IllegalStateException("the web shop did not start: " + e.getMessage(), e);
            throw failedStart;
        }
        return apps.get(index);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        apps.forEach(WebShopApp::kill);
        apps.clear();
    }
}
