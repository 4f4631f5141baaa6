package io.dynamo.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cart's semantics as a CRDT, replica by replica, without a store. */
class ShoppingCartTest {
    private static final String ALICE = "alice";
    private static final String BOB = "bob";

    @Test
    void anEmptyCartHasNoItemsAndZeroOfAnySku() {
        assertThat(ShoppingCart.empty().items()).isEmpty();
        assertThat(ShoppingCart.empty().quantity("book")).isZero();
    }

    @Test
    void addsOfOneSkuSumAndItemsListOnlyLinesPresent() {
        ShoppingCart cart = add(add(add(ShoppingCart.empty(), ALICE, "book", 2), ALICE, "book", 3), ALICE, "pen", 1);
        assertThat(cart.items()).containsExactly(Map.entry("book", 5), Map.entry("pen", 1));
        assertThat(remove(cart, "book").items()).containsExactly(Map.entry("pen", 1));
    }

    @Test
    void itemsCannotBeModified() {
        ShoppingCart cart = add(ShoppingCart.empty(), ALICE, "book", 1);
        assertThatThrownBy(() -> cart.items().put("pen", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentAddsOfOneSkuSum() {
        ShoppingCart base = add(ShoppingCart.empty(), ALICE, "book", 1);
        ShoppingCart atAlice = add(base, ALICE, "book", 2);
        ShoppingCart atBob = add(base, BOB, "book", 4);
        assertThat(atAlice.merge(atBob).quantity("book")).isEqualTo(7);
    }

    @Test
    void aRemoveThatSawEveryAddStaysRemovedWhenMergedWithStaleCopies() {
        ShoppingCart stale = add(add(ShoppingCart.empty(), ALICE, "book", 1), BOB, "book", 2);
        ShoppingCart removed = remove(stale, "book");
        assertThat(removed.merge(stale).quantity("book")).isZero();
        assertThat(stale.merge(removed).merge(stale).items()).isEmpty();
    }

    @Test
    void anAddConcurrentWithARemoveSurvivesButWhatTheRemoveSawDoesNot() {
        ShoppingCart base = add(ShoppingCart.empty(), ALICE, "book", 2);
        ShoppingCart removedByBob = remove(base, "book");
        ShoppingCart addedByAlice = add(base, ALICE, "book", 1);
        assertThat(removedByBob.merge(addedByAlice).quantity("book")).isEqualTo(1);
    }

    @Test
    void setQuantityReplacesWhatItSawAndConcurrentSetQuantitiesSum() {
        ShoppingCart base = add(add(ShoppingCart.empty(), ALICE, "book", 2), BOB, "book", 2);
        ShoppingCart setByAlice = base.setQuantity(base.nextDot(ALICE), "book", 3);
        assertThat(setByAlice.quantity("book")).isEqualTo(3);
        assertThat(setByAlice.merge(base).quantity("book")).isEqualTo(3);
        ShoppingCart setByBob = base.setQuantity(base.nextDot(BOB), "book", 5);
        assertThat(setByAlice.merge(setByBob).quantity("book")).isEqualTo(8);
        ShoppingCart addedByBob = add(base, BOB, "book", 1);
        assertThat(setByAlice.merge(addedByBob).quantity("book")).isEqualTo(4);
    }

    @Test
    void setQuantityZeroRemovesTheLine() {
        ShoppingCart base = add(ShoppingCart.empty(), ALICE, "book", 2);
        ShoppingCart zero = base.setQuantity(base.nextDot(BOB), "book", 0);
        assertThat(zero.items()).isEmpty();
        assertThat(zero.merge(base).items()).isEmpty();
    }

    @Test
    void clearRemovesEveryLineSeenAndKeepsThemRemoved() {
        ShoppingCart base = add(add(ShoppingCart.empty(), ALICE, "book", 2), BOB, "pen", 1);
        ShoppingCart cleared = base.clear();
        ShoppingCart concurrent = add(base, BOB, "cup", 1);
        assertThat(cleared.merge(base).items()).isEmpty();
        assertThat(cleared.merge(concurrent).items()).containsExactly(Map.entry("cup", 1));
    }

    @Test
    void aWriterWhoseReadMissedItsOwnWriteDoesNotEraseIt() {
        ShoppingCart base = add(ShoppingCart.empty(), ALICE, "book", 1);
        ShoppingCart first = base.add(new Dot(ALICE, 2), "pen", 1);
        ShoppingCart secondFromStaleRead = base.add(new Dot(ALICE, 3), "cup", 1);
        assertThat(secondFromStaleRead.context().cloud()).containsExactly(new Dot(ALICE, 3));
        ShoppingCart merged = first.merge(secondFromStaleRead);
        assertThat(merged.items()).containsExactly(Map.entry("book", 1), Map.entry("cup", 1), Map.entry("pen", 1));
        assertThat(merged.context().cloud()).as("the gap closed, the cloud folds into the vector").isEmpty();
        assertThat(merged.context().versionVector()).containsExactly(Map.entry(ALICE, 3L));
    }

    @Test
    void aDotUsedTwiceIsRefusedAndChangesNothing() {
        ShoppingCart cart = add(ShoppingCart.empty(), ALICE, "book", 1);
        assertThatThrownBy(() -> cart.add(new Dot(ALICE, 1), "pen", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already used");
        assertThat(cart.items()).containsExactly(Map.entry("book", 1));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        ShoppingCart cart = ShoppingCart.empty();
        Dot dot = cart.nextDot(ALICE);
        assertThatThrownBy(() -> cart.add(dot, "book", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> cart.setQuantity(dot, "book", -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> cart.add(dot, " ", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sku");
        assertThatThrownBy(() -> cart.add(null, "book", 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("dot");
        assertThatThrownBy(() -> cart.quantity(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("sku");
        assertThatThrownBy(() -> new Dot(ALICE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenThousandAddRemoveCyclesLeaveTheStateOfItsLiveLines() throws IOException {
        ShoppingCart once = remove(add(ShoppingCart.empty(), ALICE, "book", 1), "book");
        ShoppingCart cart = ShoppingCart.empty();
        for (int i = 0; i < 10_000; i++) {
            cart = remove(add(cart, ALICE, "book", 1), "book");
        }
        cart = add(cart, ALICE, "pen", 2);
        once = add(once, ALICE, "pen", 2);
        assertThat(cart.lines()).hasSize(1);
        assertThat(cart.lines().get("pen").contributions()).hasSize(1);
        assertThat(cart.context().versionVector()).containsExactly(Map.entry(ALICE, 10_001L));
        assertThat(cart.context().cloud()).isEmpty();
        assertThat(serialized(cart).length).as("a counter is a long whatever its value").isEqualTo(serialized(once).length);
    }

    @Test
    void survivesJavaSerializationUnchanged() throws IOException, ClassNotFoundException {
        ShoppingCart cart = add(add(ShoppingCart.empty(), ALICE, "book", 2), BOB, "pen", 1);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized(cart)))) {
            ShoppingCart back = (ShoppingCart) in.readObject();
            assertThat(back).isEqualTo(cart);
            assertThat(back.items()).isEqualTo(cart.items());
        }
    }

    static byte[] serialized(ShoppingCart cart) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cart);
        }
        return bytes.toByteArray();
    }

    private static ShoppingCart add(ShoppingCart cart, String actor, String sku, int quantity) {
        return cart.add(cart.nextDot(actor), sku, quantity);
    }

    private static ShoppingCart remove(ShoppingCart cart, String sku) {
        return cart.remove(sku);
    }
}
