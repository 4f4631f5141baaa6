package io.dynamo.bench;

import io.dynamo.transport.Frame;
import io.dynamo.transport.Transport;
import io.dynamo.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Request/response round trips over loopback between two transports in one JVM, 16 callers
 * each waiting for its answer: the shape of a coordinator forwarding to replicas.
 */
@State(Scope.Benchmark)
@Threads(16)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransportBench {
    @Param({"100"})
    public int payloadBytes;

    private Transport server;
    private Transport client;
    private InetSocketAddress address;
    private byte[] payload;

    @Setup(Level.Trial)
    public void start() {
        server = Transport.create(TransportConfig.defaults("bench"));
        client = Transport.create(TransportConfig.defaults("bench"));
        address = server.serve(new InetSocketAddress("127.0.0.1", 0),
                (request, responder) -> responder.reply(Frame.FIRST_PROTOCOL_TYPE + 1, request.payload()));
        payload = new byte[payloadBytes];
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        server.close();
    }

    @Benchmark
    public Frame roundTrip() {
        return client.request(address, Frame.FIRST_PROTOCOL_TYPE, payload, Duration.ofSeconds(5)).join();
    }
}
