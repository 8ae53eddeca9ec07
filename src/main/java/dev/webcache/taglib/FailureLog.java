package dev.webcache.taglib;

import dev.webcache.cache.Caches;
import dev.webcache.cache.ThrottledLog;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the tags report a failing cache: one throttled log per web application, on its registry's clock. */
final class FailureLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webcache.taglib");
    private static final Map<Caches, ThrottledLog> BY_REGISTRY = Collections.synchronizedMap(new WeakHashMap<>());

    private FailureLog() {
    }

    /** Logs {@code message} at WARN unless the application already logged a cache failure within the interval. */
    static void warn(Caches caches, String message, RuntimeException cause) {
        BY_REGISTRY.computeIfAbsent(caches, registry -> new ThrottledLog(LOG, registry.clock(),
                ThrottledLog.DEFAULT_INTERVAL)).warn(message, cause);
    }
}
