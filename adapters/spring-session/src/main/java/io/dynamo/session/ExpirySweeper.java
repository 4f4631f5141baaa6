package io.dynamo.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes expired sessions that no request reads, so that they publish their expired event and
 * leave no principal index entry, every {@code interval} on one daemon thread.
 */
final class ExpirySweeper implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

    private final DynamoSessionRepository repository;
    private final Duration interval;
    private ScheduledExecutorService executor;
    /** The last failure logged: a sweep failing the same way every interval (a node down) is logged once. */
    private volatile String lastFailure = "";

    ExpirySweeper(DynamoSessionRepository repository, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("dynamo.session.sweep-interval must be positive, got " + interval);
        }
        this.repository = repository;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamo-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            repository.sweepExpired();
            lastFailure = "";
        } catch (RuntimeException e) { // the cluster may be unreachable for a while; the next sweep tries again
            String failure = e.toString();
            if (!failure.equals(lastFailure)) {
                LOG.warn("expired session sweep failed (logged again when the failure changes): {}", failure);
            }
            lastFailure = failure;
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
