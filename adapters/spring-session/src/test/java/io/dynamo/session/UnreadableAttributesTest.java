package io.dynamo.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnreadableAttributesTest {
    @Test
    void eachUnreadableVersionIsLoggedOnceHoweverOftenItIsRead() {
        UnreadableAttributes unreadable = new UnreadableAttributes();
        Stamp v1 = new Stamp(10, 1);
        assertThat(unreadable.report("cart", v1, "ClassNotFoundException")).isTrue();
        assertThat(unreadable.report("cart", v1, "ClassNotFoundException")).isFalse();
        assertThat(unreadable.report("cart", new Stamp(11, 1), "InvalidClassException")).as("a newer version").isTrue();
        assertThat(unreadable.report("wishlist", v1, "ClassNotFoundException")).isTrue();
    }
}
