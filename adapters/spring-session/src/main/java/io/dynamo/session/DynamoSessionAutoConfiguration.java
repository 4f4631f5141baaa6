package io.dynamo.session;

import java.time.Duration;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/**
 * With this artifact on the class path and no other {@link SessionRepository}, the application's
 * sessions live in Dynamo: a {@link DynamoSessionRepository} at {@code dynamo.session.uri}, and in a
 * servlet application Spring Session's filter in front of it (Boot's session auto-configuration then
 * registers the filter and the cookie settings).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration")
@ConditionalOnMissingBean(SessionRepository.class)
@EnableConfigurationProperties(DynamoSessionProperties.class)
public class DynamoSessionAutoConfiguration implements BeanClassLoaderAware {
    /** Spring Boot's servlet session default when neither timeout property is set. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private ClassLoader loader = DynamoSessionAutoConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        loader = classLoader;
    }

    @Bean
    public DynamoSessionRepository sessionRepository(DynamoSessionProperties properties, Environment environment,
                                                     ApplicationEventPublisher events) {
        return SessionStore.repository(properties.uri(), properties.cache(), timeout(environment), events, loader);
    }

    @Bean
    ExpirySweeper dynamoSessionExpirySweeper(DynamoSessionRepository repository, DynamoSessionProperties properties) {
        return new ExpirySweeper(repository, properties.sweepInterval());
    }

    /** {@code spring.session.timeout}, else {@code server.servlet.session.timeout}, as Boot's own session stores do. */
    static Duration timeout(Environment environment) {
        Binder binder = Binder.get(environment);
        return binder.bind("spring.session.timeout", Duration.class)
                .orElseGet(() -> binder.bind("server.servlet.session.timeout", Duration.class).orElse(DEFAULT_TIMEOUT));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(SpringHttpSessionConfiguration.class)
    static class ServletFilter {
    }
}
