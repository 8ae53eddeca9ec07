package dev.webcache.cache;

import dev.webcache.cache.spi.BackendSettings;
import dev.webcache.cache.spi.CacheBackend;
import dev.webcache.cache.spi.CacheBackendFactory;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The registry of named caches (Django's {@code caches}), built from {@code webcache.*} properties. Every backend is
 * started when the registry is built, so a bad configuration fails at start-up; {@link #close()} stops them all.
 * Each alias is one thread-safe instance.
 */
public final class Caches implements AutoCloseable {
    /** The servlet context attribute under which the web start-up publishes the registry. */
    public static final String CONTEXT_ATTRIBUTE = Caches.class.getName();
    /** The alias every configuration has. */
    public static final String DEFAULT_ALIAS = ConfigurationReader.DEFAULT_ALIAS;

    private final Map<String, Cache> caches;
    private final Clock clock;
    private final Resources resources;

    private Caches(Map<String, Cache> caches, Clock clock, Resources resources) {
        this.caches = caches;
        this.clock = clock;
        this.resources = resources;
    }

    /** The embedded default: one Ehcache on-heap cache named {@code default}. */
    public static Caches defaults() {
        return fromProperties(new Properties());
    }

    /** A registry configured by {@code properties} (the keys of {@code webcache.properties}), on the system clock. */
    public static Caches fromProperties(Properties properties) {
        return fromProperties(properties, Clock.systemUTC());
    }

    /**
     * A registry configured by {@code properties} whose expiry follows {@code clock}.
     *
     * @throws ImproperlyConfiguredException naming each bad property and what it allows
     */
    public static Caches fromProperties(Properties properties, Clock clock) {
        ConfigurationReader.Parsed parsed = ConfigurationReader.read(properties);
        Resources resources = new Resources();
        Map<String, Cache> caches = new LinkedHashMap<>();
        try {
            parsed.caches().forEach((alias, settings) -> {
                CacheBackendFactory factory = parsed.factories().get(alias);
                caches.put(alias, new StandardCache(settings, start(factory, settings, clock, resources), clock));
            });
        } catch (RuntimeException e) {
            caches.values().forEach(Cache::close);
            resources.close();
            throw e;
        }
        return new Caches(Collections.unmodifiableMap(caches), clock, resources);
    }

    private static CacheBackend start(CacheBackendFactory factory, CacheSettings settings, Clock clock,
                                      Resources resources) {
        String section = settings.backend() + ".";
        Map<String, String> sectionKeys = new TreeMap<>();
        settings.globals().forEach((key, value) -> {
            if (key.startsWith(section)) {
                sectionKeys.put(key.substring(section.length()), value);
            }
        });
        try {
            return factory.create(new BackendSettings(settings.alias(), settings.backendOptions(), sectionKeys, clock,
                    resources));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            String key = "webcache.caches." + settings.alias() + ".";
            // a backend that names the key at fault says it best; else the backend itself is named
            throw new ImproperlyConfiguredException(message.startsWith(key) ? message : key + "backend: backend '"
                    + settings.backend() + "' failed to start: " + message, e);
        }
    }

    /**
     * The registry of a web application, published by webcache's start-up.
     *
     * @throws IllegalStateException if webcache has not started in {@code context}
     */
    public static Caches from(ServletContext context) {
        Object caches = context.getAttribute(CONTEXT_ATTRIBUTE);
        if (caches instanceof Caches registry) {
            return registry;
        }
        throw new IllegalStateException("webcache has not started in this web application: its jar must be in"
                + " WEB-INF/lib (or on the container's class path) so that the container runs its"
                + " ServletContainerInitializer");
    }

    /**
     * The cache named {@code alias}; the same instance on every call.
     *
     * @throws InvalidCacheBackendException if there is no such cache
     */
    public Cache get(String alias) {
        Cache cache = caches.get(alias);
        if (cache == null) {
            throw new InvalidCacheBackendException("The cache '" + alias + "' doesn't exist; configured caches: "
                    + String.join(", ", caches.keySet()));
        }
        return cache;
    }

    /** {@code get("default")}. */
    public Cache getDefault() {
        return get(DEFAULT_ALIAS);
    }

    /** Whether a cache named {@code alias} is configured. */
    public boolean contains(String alias) {
        return caches.containsKey(alias);
    }

    /** The configured aliases, in configuration order. */
    public Set<String> aliases() {
        return caches.keySet();
    }

    /** The clock that decides expiry in every cache of this registry. */
    public Clock clock() {
        return clock;
    }

    /** Closes every cache, then the resources they shared. */
    @Override
    public void close() {
        caches.values().forEach(Cache::close);
        resources.close();
    }

    /** Resources shared by the backends of one registry, closed in reverse order of creation. */
    private static final class Resources implements BackendSettings.SharedResources {
        private final Map<String, AutoCloseable> byId = new LinkedHashMap<>();

        @Override
        public synchronized <T extends AutoCloseable> T computeIfAbsent(String id, Class<T> type, Supplier<T> factory) {
            return type.cast(byId.computeIfAbsent(id, key -> factory.get()));
        }

        synchronized void close() {
            List<AutoCloseable> all = new ArrayList<>(byId.values());
            Collections.reverse(all);
            byId.clear();
            RuntimeException failure = null;
            for (AutoCloseable resource : all) {
                try {
                    resource.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("closing a shared cache resource failed", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
