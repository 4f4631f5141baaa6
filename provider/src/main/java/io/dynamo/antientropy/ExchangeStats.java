package io.dynamo.antientropy;

import java.util.concurrent.atomic.AtomicLong;

/** What exchanges moved: keys and bytes each way (bytes are message payloads: tree hashes, digests and entries). */
public final class ExchangeStats {
    final AtomicLong keysSent = new AtomicLong();
    final AtomicLong keysReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    public long keysSent() {
        return keysSent.get();
    }

    public long keysReceived() {
        return keysReceived.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    void add(ExchangeStats other) {
        keysSent.addAndGet(other.keysSent());
        keysReceived.addAndGet(other.keysReceived());
        bytesSent.addAndGet(other.bytesSent());
        bytesReceived.addAndGet(other.bytesReceived());
    }
}
