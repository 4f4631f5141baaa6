package io.dynamo.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dynamo.session.*}: where the sessions live. The timeout is Spring Boot's own
 * ({@code spring.session.timeout}, else {@code server.servlet.session.timeout}).
 *
 * @param uri a provider URI ({@code dynamo://host:port,...} or {@code dynamo:embedded}); blank for the provider's default URI
 * @param cache the session cache's name (the principal index is {@code <cache>-principals})
 * @param sweepInterval how often expired sessions that nobody reads are deleted (and their expired events published)
 */
@ConfigurationProperties("dynamo.session")
public record DynamoSessionProperties(@DefaultValue("") String uri, @DefaultValue("spring-session") String cache,
                                      @DefaultValue("60s") Duration sweepInterval) {
}
