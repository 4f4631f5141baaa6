package io.dynamo.antientropy;

/**
 * A token bucket in bytes per second shared by every exchange of a node: repair traffic is
 * paced so that it never starves client requests. A message larger than the bucket is let
 * through and paid for afterwards (the bucket goes into debt), so nothing is ever stuck.
 */
final class Bandwidth {
    private final long bytesPerSecond;
    private double available;
    private long last = System.nanoTime();

    Bandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.available = bytesPerSecond / 4.0;
    }

    /** Takes {@code bytes}, sleeping first if the bucket is in debt. */
    void acquire(long bytes) {
        long waitNanos = take(bytes);
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes {@code bytes} without waiting (on a thread that must not sleep): the debt is paid by the next {@link #acquire}. */
    void charge(long bytes) {
        take(bytes);
    }

    /** @return how long to wait until the bucket is out of debt */
    private synchronized long take(long bytes) {
        long now = System.nanoTime();
        // At most a quarter of a second of burst.
        available = Math.min(bytesPerSecond / 4.0, available + (now - last) * bytesPerSecond / 1e9);
        last = now;
        available -= bytes;
        return available >= 0 ? 0 : (long) (-available * 1e9 / bytesPerSecond);
    }
}
