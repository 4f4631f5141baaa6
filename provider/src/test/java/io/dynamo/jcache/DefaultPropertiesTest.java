package io.dynamo.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS files given as system properties, for code that asks for the default cache manager and passes no properties of its own. */
class DefaultPropertiesTest {
    private static final List<String> TLS = List.of(DynamoSettings.TLS_CERT, DynamoSettings.TLS_KEY, DynamoSettings.TLS_CA);

    @AfterEach
    void clear() {
        TLS.forEach(System::clearProperty);
        System.clearProperty(DynamoSettings.WRITE_QUORUM);
    }

    @Test
    void tlsSystemPropertiesAreTheProvidersDefaultsAndAManagersOwnPropertiesGoOverThem() {
        TLS.forEach(name -> System.setProperty(name, "/etc/dynamo/" + name));
        System.setProperty(DynamoSettings.WRITE_QUORUM, "1"); // not a default: only the TLS files are taken
        DynamoCachingProvider provider = new DynamoCachingProvider();
        Properties own = new Properties();
        own.setProperty(DynamoSettings.WRITE_QUORUM, "3");
        own.setProperty(DynamoSettings.TLS_CA, "/home/app/ca.pem");

        assertThat(provider.getDefaultProperties()).containsOnlyKeys(DynamoSettings.TLS_CERT, DynamoSettings.TLS_KEY, DynamoSettings.TLS_CA);
        assertThat(provider.withDefaults(own)).containsEntry(DynamoSettings.TLS_CERT, "/etc/dynamo/dynamo.tls-cert")
                .containsEntry(DynamoSettings.TLS_CA, "/home/app/ca.pem").containsEntry(DynamoSettings.WRITE_QUORUM, "3");
        assertThat(own).doesNotContainKey(DynamoSettings.TLS_CERT);
    }

    @Test
    void withoutThemTheDefaultsAreEmpty() {
        assertThat(new DynamoCachingProvider().getDefaultProperties()).isEmpty();
    }
}
