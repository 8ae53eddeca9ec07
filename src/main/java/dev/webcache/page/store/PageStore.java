package dev.webcache.page.store;

import dev.webcache.cache.Cache;
import dev.webcache.cache.ThrottledLog;
import dev.webcache.tokens.TokenCounters;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The pages of one cache under one key prefix, as the key scheme ({@link PageKeys}) lays them out: finding the
 * stored page of a request, storing one and learning its URL's {@code Vary}, and invalidating a URL. It knows
 * nothing of servlets: a request is its URL part and a way to read its header lines.
 */
public final class PageStore {
    /** How long the mark an invalidation leaves outlives it: longer than any render that was in flight. */
    static final Duration INVALIDATION_MARK_LIFETIME = Duration.ofHours(1);
    /** One log per cache, so that an outage is reported once per interval however many prefixes use it. */
    private static final Map<Cache, ThrottledLog> FAILURE_LOGS = Collections.synchronizedMap(new WeakHashMap<>());

    static {
        // before the first page is read back from a backend that keeps bytes
        PageFormats.register();
    }

    private final Cache cache;
    private final PageKeys keys;
    private final TokenCounters tokenCounters;
    private final Clock clock;
    private final ThrottledLog failures;

    /**
     * @param tokenCounters the counters that pages' tokens are read from
     * @param clock         what decides freshness
     */
    public PageStore(Cache cache, String keyPrefix, TokenCounters tokenCounters, Clock clock) {
        this.cache = cache;
        this.keys = new PageKeys(keyPrefix);
        this.tokenCounters = tokenCounters;
        this.clock = clock;
        this.failures = FAILURE_LOGS.computeIfAbsent(cache, c -> new ThrottledLog(
                LoggerFactory.getLogger(PageStore.class), clock, ThrottledLog.DEFAULT_INTERVAL));
    }

    /** What a store does not do. */
    public enum StoreFailure {
        /** The URL was invalidated since the lookup: what was rendered meanwhile may be stale. */
        INVALIDATED,
        /** The backend failed (at the lookup or now). */
        BACKEND_FAILED
    }

    public Cache cache() {
        return cache;
    }

    TokenCounters tokenCounters() {
        return tokenCounters;
    }

    /** Logs a backend failure, at most once per interval per cache. */
    void backendFailed(String what, RuntimeException e) {
        failures.warn("page cache '" + cache.alias() + "': " + what, e);
    }

    /**
     * Looks a request up: the stored page (fresh or stale, the caller decides what it may do with a stale one) and
     * what a later store needs to know. A page whose token counters moved since it was rendered is not returned,
     * nor a gzip-stored page whose body cannot be decompressed for a client that does not accept gzip.
     *
     * @param urlPart     the request's {@link PageKeys#urlPart URL part}
     * @param headers     the request's header lines of a (lowercase) name
     * @param acceptsGzip whether the client accepts a gzip body (asked only of a gzip-stored page)
     */
    public Lookup lookup(String urlPart, Function<String, Enumeration<String>> headers, BooleanSupplier acceptsGzip) {
        try {
            LearnedVary vary = cache.getImmutable(keys.varyKey(urlPart), LearnedVary.class);
            if (vary == null) {
                return new Lookup(urlPart, null, null, List.of(), null, false, false);
            }
            if (vary.invalidationMark()) {
                return new Lookup(urlPart, vary.generation(), null, List.of(), null, false, false);
            }
            String variant = PageKeys.variant(headers, vary.names());
            StoredPage page = vary.names().isEmpty() ? vary.page()
                    : cache.getImmutable(keys.pageKey(urlPart, vary.generation(), variant), StoredPage.class);
            if (page != null && !page.tokens().isEmpty()
                    && tokenCounters.sum(page.tokens().tokens()) != page.tokens().sum()) {
                page = null;
            }
            if (page != null && page.gzipped() && !acceptsGzip.getAsBoolean() && !page.hasIdentityBody()) {
                backendFailed("a stored page's gzip body cannot be decompressed; it counts as a miss",
                        new IllegalStateException(urlPart));
                page = null;
            }
            boolean fresh = page != null && page.isFresh(clock.millis());
            return new Lookup(urlPart, vary.generation(), variant, vary.names(), page, fresh, false);
        } catch (RuntimeException e) {
            backendFailed("lookup failed; the page is served uncached", e);
            return new Lookup(urlPart, null, null, List.of(), null, false, true);
        }
    }

    /**
     * Stores a page for the request whose lookup missed, learning the URL's {@code Vary} names.
     *
     * @param headers  the request's header lines of a (lowercase) name: its variant under those names
     * @param lifetime how long the backend keeps it
     * @return {@code null} when stored, else why not
     */
    public StoreFailure store(Lookup miss, Function<String, Enumeration<String>> headers, List<String> varyNames,
                              StoredPage page, Duration lifetime) {
        if (miss.backendFailed()) {
            return StoreFailure.BACKEND_FAILED;
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : varyNames) {
            sorted.add(name.toLowerCase(Locale.ROOT));
        }
        List<String> names = List.copyOf(sorted);
        try {
            String varyKey = keys.varyKey(miss.urlPart());
            LearnedVary current = cache.getImmutable(varyKey, LearnedVary.class);
            String generation;
            if (current == null) {
                generation = miss.generation() != null ? miss.generation() : newGeneration();
            } else if (current.invalidationMark() && !current.generation().equals(miss.generation())) {
                return StoreFailure.INVALIDATED;
            } else {
                generation = current.generation();
            }
            if (names.isEmpty()) {
                cache.set(varyKey, new LearnedVary(generation, names, false, page), lifetime);
            } else {
                if (current == null || current.invalidationMark() || !current.names().equals(names)) {
                    cache.set(varyKey, new LearnedVary(generation, names, false, null), lifetime);
                } else {
                    cache.touch(varyKey, lifetime);
                }
                cache.set(keys.pageKey(miss.urlPart(), generation, PageKeys.variant(headers, names)), page,
                        lifetime);
            }
            return null;
        } catch (RuntimeException e) {
            backendFailed("storing a page failed; it was served uncached", e);
            return StoreFailure.BACKEND_FAILED;
        }
    }

    /**
     * Makes every stored variant of a URL unreachable: a mark of a new generation replaces what was learned of it.
     *
     * @param urlPart the URL's {@link PageKeys#urlPart URL part}
     */
    public void invalidate(String urlPart) {
        cache.set(keys.varyKey(urlPart), LearnedVary.invalidationMark(newGeneration()), INVALIDATION_MARK_LIFETIME);
    }

    private static String newGeneration() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
