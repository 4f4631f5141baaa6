package io.dynamo.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * For a Spring application without Boot: put on a {@code @Configuration} class to keep the HttpSession
 * in Dynamo (Spring Session's filter, named {@code springSessionRepositoryFilter}, over a
 * {@link DynamoSessionRepository}). Boot applications need only the artifact and {@code dynamo.session.uri}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Import(DynamoHttpSessionConfiguration.class)
public @interface EnableDynamoHttpSession {
    /** A provider URI; blank (the default) for the provider's default URI. */
    String uri() default "";

    String cacheName() default "spring-session";

    /** Max inactive interval of new sessions. */
    int maxInactiveIntervalInSeconds() default 1800;
}
