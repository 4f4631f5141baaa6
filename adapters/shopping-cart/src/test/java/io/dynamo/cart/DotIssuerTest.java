package io.dynamo.cart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotIssuerTest {
    private final DotIssuer dots = new DotIssuer(2);

    @Test
    void aReadThatMissedTheStoresLastWriteStillGetsANewDot() {
        Dot first = dots.next("c1", ShoppingCart.empty());
        Dot second = dots.next("c1", ShoppingCart.empty());
        assertThat(second).isEqualTo(new Dot(first.actor(), 2));
        assertThat(first.actor()).startsWith(dots.storeId());
    }

    @Test
    void eachCartCountsItsOwnDotsSoItsContextStaysAVersionVector() {
        Dot c1 = dots.next("c1", ShoppingCart.empty());
        Dot c2 = dots.next("c2", ShoppingCart.empty());
        assertThat(c1.counter()).isEqualTo(1);
        assertThat(c2.counter()).isEqualTo(1);
        assertThat(c2.actor()).isNotEqualTo(c1.actor());
    }

    @Test
    void afterAFailedWriteTheCartGetsAFreshActorSoTheLostDotLeavesNoGap() {
        Dot failed = dots.next("c1", ShoppingCart.empty());
        dots.failed("c1", failed);
        Dot next = dots.next("c1", ShoppingCart.empty());
        assertThat(next.actor()).isNotEqualTo(failed.actor());
        assertThat(next.counter()).isEqualTo(1);
    }

    @Test
    void aForgottenCartGetsAFreshActorRatherThanReusingADot() {
        Dot c1 = dots.next("c1", ShoppingCart.empty());
        dots.next("c2", ShoppingCart.empty());
        dots.next("c3", ShoppingCart.empty()); // capacity 2: c1 is forgotten
        Dot again = dots.next("c1", ShoppingCart.empty());
        assertThat(again.actor()).isNotEqualTo(c1.actor());
    }
}
