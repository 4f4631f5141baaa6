package io.dynamo.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamo.cart.Dot;
import io.dynamo.cart.ShoppingCart;
import java.io.Serializable;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionDestroyedEvent;
import org.springframework.session.events.SessionExpiredEvent;

/** The session repository against a node inside this JVM ({@code dynamo:embedded}). */
class DynamoSessionRepositoryTest {
    private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    private final SessionFixture fixture = new SessionFixture();
    private final DynamoSessionRepository one = fixture.repository();
    private final DynamoSessionRepository two = fixture.repository();

    private String saved(String name, Object value) {
        DynamoSession session = one.createSession();
        session.setAttribute(name, value);
        one.save(session);
        return session.getId();
    }

    @Test
    void aSavedSessionIsReadByAnotherInstanceWithItsAttributesAndTimes() {
        DynamoSession created = one.createSession();
        created.setAttribute("user", "alice");
        created.setMaxInactiveInterval(Duration.ofMinutes(5));
        one.save(created);

        DynamoSession read = two.findById(created.getId());
        assertThat(read.<String>getAttribute("user")).isEqualTo("alice");
        assertThat(read.getAttributeNames()).containsExactly("user");
        assertThat(read.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(read.getCreationTime()).isEqualTo(fixture.clock.instant());
        assertThat(two.findById("no-such-session")).isNull();
    }

    @Test
    void concurrentRequestsChangingDifferentAttributesBothSurvive() {
        String id = saved("shared", "before");
        DynamoSession first = one.findById(id);
        DynamoSession second = two.findById(id);
        first.setAttribute("a", 1);
        second.setAttribute("b", 2);
        second.setAttribute("shared", "after");
        one.save(first);
        two.save(second);

        DynamoSession read = one.findById(id);
        assertThat(read.getAttributeNames()).containsExactlyInAnyOrder("a", "b", "shared");
        assertThat(read.<Integer>getAttribute("a")).isEqualTo(1);
        assertThat(read.<Integer>getAttribute("b")).isEqualTo(2);
        assertThat(read.<String>getAttribute("shared")).as("the first request did not touch it").isEqualTo("after");
    }

    @Test
    void aRemovedAttributeStaysRemovedWhenARequestThatHadReadItSavesOtherChanges() {
        String id = saved("coupon", "SPRING");
        DynamoSession stale = two.findById(id);
        DynamoSession remover = one.findById(id);
        remover.removeAttribute("coupon");
        one.save(remover);
        stale.setAttribute("other", "x");
        two.save(stale);

        DynamoSession read = one.findById(id);
        assertThat(read.<String>getAttribute("coupon")).isNull();
        assertThat(read.getAttributeNames()).containsExactly("other");
    }

    @Test
    void aSetConcurrentWithARemovalSurvivesIt() {
        String id = saved("coupon", "SPRING");
        DynamoSession setter = two.findById(id);
        DynamoSession remover = one.findById(id);
        setter.setAttribute("coupon", "SUMMER");
        two.save(setter);
        remover.removeAttribute("coupon");
        one.save(remover);

        assertThat(one.findById(id).<String>getAttribute("coupon")).isEqualTo("SUMMER");
    }

    @Test
    void aLaterSetOfAnAttributeReplacesTheOneItRead() {
        String id = saved("step", 1);
        for (int step = 2; step <= 5; step++) {
            DynamoSessionRepository instance = step % 2 == 0 ? one : two;
            DynamoSession session = instance.findById(id);
            session.setAttribute("step", step);
            instance.save(session);
        }
        assertThat(one.findById(id).<Integer>getAttribute("step")).isEqualTo(5);
    }

    @Test
    void concurrentCartAttributesMergeAsCarts() {
        String id = saved("cart", ShoppingCart.empty());
        DynamoSession first = one.findById(id);
        DynamoSession second = two.findById(id);
        ShoppingCart cart = first.getAttribute("cart");
        first.setAttribute("cart", cart.add(new Dot("one", 1), "book", 2));
        second.setAttribute("cart", second.<ShoppingCart>getAttribute("cart").add(new Dot("two", 1), "pen", 1));
        one.save(first);
        two.save(second);

        ShoppingCart merged = one.findById(id).getAttribute("cart");
        assertThat(merged.items()).containsEntry("book", 2).containsEntry("pen", 1).hasSize(2);
    }

    @Test
    void aSessionExpiresAfterItsMaxInactiveIntervalUnlessAccessed() {
        DynamoSession session = one.createSession();
        session.setMaxInactiveInterval(Duration.ofMinutes(10));
        session.setAttribute(PRINCIPAL, "alice");
        one.save(session);

        fixture.clock.advance(Duration.ofMinutes(8));
        DynamoSession accessed = two.findById(session.getId());
        accessed.setLastAccessedTime(fixture.clock.instant());
        two.save(accessed);
        fixture.clock.advance(Duration.ofMinutes(8));
        assertThat(one.findById(session.getId())).as("accessed 8 minutes ago").isNotNull();

        fixture.clock.advance(Duration.ofMinutes(3));
        assertThat(one.findById(session.getId())).isNull();
        assertThat(fixture.events(SessionExpiredEvent.class)).extracting(e -> e.getSessionId())
                .containsExactly(session.getId());
        assertThat(one.findByPrincipalName("alice")).isEmpty();
        assertThat(indexHasEntry("alice")).isFalse();
    }

    @Test
    void theSweepDeletesExpiredSessionsNobodyReadsAndPublishesTheirExpiry() {
        String expiring = saved(PRINCIPAL, "bob");
        fixture.clock.advance(Duration.ofMinutes(29));
        String fresh = saved("x", 1);
        fixture.clock.advance(Duration.ofMinutes(2));

        assertThat(one.sweepExpired()).isEqualTo(1);
        assertThat(fixture.events(SessionExpiredEvent.class)).extracting(e -> e.getSessionId()).containsExactly(expiring);
        assertThat(two.findById(fresh)).isNotNull();
        assertThat(indexHasEntry("bob")).isFalse();
    }

    @Test
    void findByPrincipalNameFindsEverySessionOfThePrincipalAndDeleteLeavesNoIndexEntry() {
        String first = saved(PRINCIPAL, "carol");
        String second = saved(PRINCIPAL, "carol");
        saved(PRINCIPAL, "dave");

        assertThat(two.findByPrincipalName("carol")).containsOnlyKeys(first, second);
        one.deleteById(first);
        assertThat(two.findByPrincipalName("carol")).containsOnlyKeys(second);
        two.deleteById(second);
        assertThat(one.findByPrincipalName("carol")).isEmpty();
        assertThat(indexHasEntry("carol")).isFalse();
        assertThat(indexHasEntry("dave")).isTrue();
    }

    @Test
    void aPrincipalSetOnALaterRequestIsIndexed() {
        String id = saved("x", 1);
        DynamoSession login = two.findById(id);
        login.setAttribute(PRINCIPAL, "heidi");
        two.save(login);
        DynamoSession later = one.findById(id);
        later.setAttribute("y", 2);
        one.save(later);

        assertThat(one.findByPrincipalName("heidi")).containsOnlyKeys(id);
    }

    @Test
    void aPrincipalChangeMovesTheSessionInTheIndex() {
        String id = saved(PRINCIPAL, "erin");
        DynamoSession session = two.findById(id);
        session.setAttribute(PRINCIPAL, "frank");
        two.save(session);

        assertThat(one.findByPrincipalName("erin")).isEmpty();
        assertThat(one.findByPrincipalName("frank")).containsOnlyKeys(id);
        assertThat(indexHasEntry("erin")).isFalse();
    }

    @Test
    void createdAndDeletedEventsArePublishedOnceEach() {
        String id = saved("x", 1);
        DynamoSession again = one.findById(id);
        again.setAttribute("y", 2);
        one.save(again);
        two.deleteById(id);

        assertThat(fixture.events(SessionCreatedEvent.class)).extracting(e -> e.getSessionId()).containsExactly(id);
        assertThat(fixture.events(SessionDeletedEvent.class)).extracting(e -> e.getSessionId()).containsExactly(id);
        assertThat(one.findById(id)).isNull();
    }

    @Test
    void aSaveRacingADeleteDoesNotBringTheSessionBack() {
        String id = saved("x", 1);
        DynamoSession racing = two.findById(id);
        one.deleteById(id);
        racing.setAttribute("y", 2);
        two.save(racing);

        assertThat(one.findById(id)).isNull();
    }

    @Test
    void changingTheSessionIdKeepsTheSessionAndFiresNoDestroyedOrCreatedEvent() {
        String oldId = saved(PRINCIPAL, "grace");
        DynamoSession session = two.findById(oldId);
        session.setAttribute("cart", "3 books");
        String newId = session.changeSessionId();
        two.save(session);

        assertThat(newId).isNotEqualTo(oldId);
        assertThat(one.findById(oldId)).isNull();
        DynamoSession moved = one.findById(newId);
        assertThat(moved.getAttributeNames()).containsExactlyInAnyOrder(PRINCIPAL, "cart");
        assertThat(one.findByPrincipalName("grace")).containsOnlyKeys(newId);
        assertThat(fixture.events(SessionDestroyedEvent.class)).isEmpty();
        assertThat(fixture.events(SessionCreatedEvent.class)).hasSize(1);
    }

    @Test
    void anAttributeWhoseClassChangedIsAbsentAndTheRestOfTheSessionWorks() {
        DynamoSession session = one.createSession();
        session.setAttribute("changed", new Renamed("v1"));
        session.setAttribute("kept", "yes");
        one.save(session);
        StoredSessions.changeSerialVersion(fixture, session.getId(), "changed");

        DynamoSession read = two.findById(session.getId());
        assertThat(read.<Object>getAttribute("changed")).isNull();
        assertThat(read.<String>getAttribute("kept")).isEqualTo("yes");
        assertThat(read.getAttributeNames()).containsExactly("kept");
        read.setAttribute("more", 1);
        two.save(read);
        assertThat(one.findById(session.getId()).getAttributeNames()).containsExactlyInAnyOrder("kept", "more");
        read.setAttribute("changed", new Renamed("v2"));
        two.save(read);
        assertThat(one.findById(session.getId()).<Renamed>getAttribute("changed")).isEqualTo(new Renamed("v2"));
    }

    @Test
    void aNonSerializableAttributeIsRefusedWithItsName() {
        DynamoSession session = one.createSession();
        session.setAttribute("thread", new Object());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> one.save(session))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'thread'");
        assertThat(two.findById(session.getId())).isNull();
    }

    private boolean indexHasEntry(String principal) {
        return SessionFixture.manager(SessionFixture.class.getClassLoader())
                .getCache(fixture.cache + "-principals", String.class, PrincipalSessions.class).containsKey(principal);
    }

    /** A class, not a record: deserialization of records ignores their serialVersionUID. */
    static final class Renamed implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String value;

        Renamed(String value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Renamed r && r.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }
}
