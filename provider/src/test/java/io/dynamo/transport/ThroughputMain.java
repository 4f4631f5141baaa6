package io.dynamo.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Not a test: a rough throughput figure over loopback. N caller threads each send a 100-byte
 * request and wait for its echo, in a loop, against a server transport in the same JVM.
 * Usage: {@code ThroughputMain [threads=16] [seconds=5]}.
 */
public final class ThroughputMain {
    private ThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] payload = new byte[100];
        try (Transport server = Transport.create(TransportConfig.defaults("bench"));
             Transport client = Transport.create(TransportConfig.defaults("bench"))) {
            InetSocketAddress address = server.serve(new InetSocketAddress("127.0.0.1", 0),
                    (request, responder) -> responder.reply(17, request.payload()));
            Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
            LongAdder done = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread caller = new Thread(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        client.request(address, 16, payload, Duration.ofSeconds(5)).join();
                        recorder.recordValue(System.nanoTime() - start);
                        done.increment();
                    }
                }, "caller-" + t);
                caller.start();
                callers.add(caller);
            }
            Thread.sleep(2000); // warm-up
            recorder.getIntervalHistogram();
            done.reset();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            Histogram histogram = recorder.getIntervalHistogram();
            long count = done.sum();
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread caller : callers) {
                caller.join(5000);
            }
            System.out.printf("%d threads, %d cores, %.1f s: %.0f requests/s; latency p50 %.3f ms, p99 %.3f ms,"
                            + " p99.9 %.3f ms, max %.3f ms%n",
                    threads, Runtime.getRuntime().availableProcessors(), elapsed, count / elapsed,
                    ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)),
                    ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
