package io.dynamo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireReaderTest {
    private static final int ENTRIES = 1_000_000;

    @Test
    void aMillionEmptyListEntriesAllocateNoObjectPerEntry() {
        byte[] frame = new WireWriter(ENTRIES + 8).list(Collections.nCopies(ENTRIES, new byte[0])).toByteArray();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        List<byte[]> entries = new WireReader(frame).list();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(entries).hasSize(ENTRIES);
        // The list's own array of references (4 or 8 bytes each) and nothing per entry: one empty
        // array object each would be at least 16 bytes more.
        assertThat(allocated).isLessThan(10L * ENTRIES);
    }

    @Test
    void aCountLargerThanTheRemainingBytesCanHoldIsMalformed() {
        byte[] bytes = new WireWriter(16).varint(1_000).byte_(0).byte_(0).toByteArray();

        assertThatThrownBy(() -> new WireReader(bytes).count(2))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("count 1000 cannot fit in the 2 remaining bytes");
        assertThat(new WireReader(new WireWriter(4).varint(1).byte_(0).byte_(0).toByteArray()).count(2)).isEqualTo(1);
    }

    @Test
    void aHugeVarintCountIsMalformedNotAnAllocation() {
        byte[] bytes = new WireWriter(16).varint(Long.MAX_VALUE).toByteArray();

        assertThatThrownBy(() -> new WireReader(bytes).list()).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> new WireReader(bytes).ints()).isInstanceOf(MalformedMessageException.class);
    }
}
