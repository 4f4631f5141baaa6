package io.dynamo.cli.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the first few failures of a run, readable, for the report; the rest are only counted. */
final class ErrorLog {
    static final int KEPT = 5;

    private final AtomicInteger seen = new AtomicInteger();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    void record(String what, Throwable error) {
        if (seen.getAndIncrement() < KEPT) {
            samples.add(what + ": " + describe(error));
        }
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
