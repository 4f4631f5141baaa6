package io.dynamo.session;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/** What {@link EnableDynamoHttpSession} imports: Spring Session's filter over a {@link DynamoSessionRepository}. */
@Configuration(proxyBeanMethods = false)
public class DynamoHttpSessionConfiguration extends SpringHttpSessionConfiguration implements ImportAware, BeanClassLoaderAware {
    private String uri = "";
    private String cacheName = "spring-session";
    private Duration timeout = Duration.ofMinutes(30);
    private ClassLoader loader = DynamoHttpSessionConfiguration.class.getClassLoader();

    @Override
    public void setImportMetadata(AnnotationMetadata importMetadata) {
        Map<String, Object> attributes = importMetadata.getAnnotationAttributes(EnableDynamoHttpSession.class.getName());
        if (attributes != null) {
            uri = (String) attributes.get("uri");
            cacheName = (String) attributes.get("cacheName");
            timeout = Duration.ofSeconds((Integer) attributes.get("maxInactiveIntervalInSeconds"));
        }
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        loader = classLoader;
    }

    @Bean
    public DynamoSessionRepository sessionRepository(ApplicationEventPublisher events) {
        return SessionStore.repository(uri, cacheName, timeout, events, loader);
    }
}
