package io.dynamo.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** The Boot auto-configuration and {@code @EnableDynamoHttpSession}, against {@code dynamo:embedded}. */
class DynamoSessionAutoConfigurationTest {
    private final ApplicationContextRunner boot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoSessionAutoConfiguration.class))
            .withPropertyValues("dynamo.session.uri=dynamo:embedded");

    @Test
    void theAutoConfigurationIsListedForBoot() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(DynamoSessionAutoConfiguration.class.getName());
    }

    @Test
    void withNoOtherSessionRepositorySessionsLiveInTheNamedCache() {
        boot.withPropertyValues("dynamo.session.cache=boot-sessions").run(context -> {
            DynamoSessionRepository repository = context.getBean(DynamoSessionRepository.class);
            DynamoSession session = repository.createSession();
            session.setAttribute("user", "alice");
            repository.save(session);
            DynamoSessionRepository other = DynamoSessionRepository.create(SessionFixture.manager(getClass().getClassLoader()),
                    "boot-sessions", Duration.ofMinutes(1), event -> { });
            assertThat(other.findById(session.getId()).<String>getAttribute("user")).isEqualTo("alice");
        });
    }

    @Test
    void eventsArePublishedToTheApplicationContext() {
        boot.withUserConfiguration(CreatedEvents.class).run(context -> {
            DynamoSessionRepository repository = context.getBean(DynamoSessionRepository.class);
            DynamoSession session = repository.createSession();
            repository.save(session);
            assertThat(context.getBean(CreatedEvents.class).last).isEqualTo(session.getId());
        });
    }

    @Test
    void anApplicationsOwnSessionRepositoryWins() {
        boot.withUserConfiguration(OwnRepository.class).run(context -> {
            assertThat(context).doesNotHaveBean(DynamoSessionRepository.class);
            assertThat(context).hasSingleBean(SessionRepository.class);
        });
    }

    @Test
    void theTimeoutIsSpringSessionsElseTheServletsElseThirtyMinutes() {
        boot.withPropertyValues("spring.session.timeout=5m", "server.servlet.session.timeout=7m")
                .run(context -> assertThat(interval(context.getBean(DynamoSessionRepository.class))).isEqualTo(Duration.ofMinutes(5)));
        boot.withPropertyValues("server.servlet.session.timeout=7m")
                .run(context -> assertThat(interval(context.getBean(DynamoSessionRepository.class))).isEqualTo(Duration.ofMinutes(7)));
        boot.run(context -> assertThat(interval(context.getBean(DynamoSessionRepository.class))).isEqualTo(Duration.ofMinutes(30)));
    }

    @Test
    void aBadUriFailsTheStartWithTheReason() {
        boot.withPropertyValues("dynamo.session.uri=redis://localhost").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("redis"));
    }

    @Test
    void enableDynamoHttpSessionGivesSpringWithoutBootTheFilterAndRepository() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(PlainSpring.class)) {
            assertThat(context.getBean("springSessionRepositoryFilter")).isInstanceOf(SessionRepositoryFilter.class);
            assertThat(interval(context.getBean(DynamoSessionRepository.class))).isEqualTo(Duration.ofSeconds(90));
        }
    }

    private static Duration interval(DynamoSessionRepository repository) {
        return repository.createSession().getMaxInactiveInterval();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRepository {
        @Bean
        MapSessionRepository mapSessionRepository() {
            return new MapSessionRepository(new java.util.concurrent.ConcurrentHashMap<>());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CreatedEvents {
        volatile String last = "";

        @org.springframework.context.event.EventListener
        void on(SessionCreatedEvent event) {
            last = event.getSessionId();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDynamoHttpSession(uri = "dynamo:embedded", cacheName = "plain-spring", maxInactiveIntervalInSeconds = 90)
    static class PlainSpring {
    }
}
