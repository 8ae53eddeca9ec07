package dev.webcache.testing;

import java.util.Properties;

/** Builds {@link Properties} from key/value pairs: {@code TestProperties.of("webcache.caches.default.backend", "dummy")}. */
public final class TestProperties {
    private TestProperties() {
    }

    public static Properties of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }
}
