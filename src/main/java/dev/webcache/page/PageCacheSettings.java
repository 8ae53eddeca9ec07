package dev.webcache.page;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one page-cache configuration (a filter's init-params, or a {@code @CachePage}) asks for.
 *
 * @param cacheAlias           the cache pages are stored in
 * @param keyPrefix            a prefix for this configuration's keys (Django's {@code CACHE_MIDDLEWARE_KEY_PREFIX})
 * @param defaultTimeout       how long a response without {@code s-maxage} or {@code max-age} is stored (Django's
 *                             {@code CACHE_MIDDLEWARE_SECONDS}); zero means such responses are not stored
 * @param pageTimeout          a lifetime that overrides the response's own ({@code @CachePage(timeout)}), or
 *                             {@code null}
 * @param maxEntrySize         the largest body stored, in bytes; a larger one streams through to its client
 * @param mode                 how cacheability is decided
 * @param lockTimeout          how long a request waits for another request's render of its page before rendering
 *                             it uncached; zero turns coalescing off
 * @param staleWhileRevalidate how long past its freshness a page is still sent while one request re-renders it,
 *                             unless the response says otherwise with its own {@code stale-while-revalidate}
 * @param staleIfError         how long past its freshness a page is still sent in place of a render that throws or
 *                             answers 5xx, unless the response has its own {@code stale-if-error}
 * @param cacheStatusHeader    whether responses get {@code X-Cache: HIT | MISS | STALE | BYPASS}
 * @param tokens               tokens every page of this configuration is marked with ({@code @CachePage(tokens)})
 * @param heuristicLimit       shared mode: the longest heuristic freshness lifetime given to a response without
 *                             explicit freshness (a tenth of the time since its {@code Last-Modified}); zero (the
 *                             default) means none
 */
public record PageCacheSettings(String cacheAlias, String keyPrefix, Duration defaultTimeout, Duration pageTimeout,
                                long maxEntrySize, PageCacheMode mode, Duration lockTimeout,
                                Duration staleWhileRevalidate, Duration staleIfError, boolean cacheStatusHeader,
                                List<String> tokens, Duration heuristicLimit) {
    /** Django's {@code CACHE_MIDDLEWARE_SECONDS}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** The default {@code max-entry-size}: 1 MiB. */
    public static final long DEFAULT_MAX_ENTRY_SIZE = 1024 * 1024;
    /** The default {@code lock-timeout}, nginx's {@code proxy_cache_lock_timeout}: 10 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** The longest {@code lock-timeout}: past five minutes a waiting request is a hung one. */
    public static final Duration LONGEST_LOCK_TIMEOUT = Duration.ofMinutes(5);
    /** The longest timeout, stale window or heuristic limit: a year (a longer one is a typo, not a wish). */
    public static final Duration LONGEST_LIFETIME = Duration.ofDays(365);

    public PageCacheSettings {
        Objects.requireNonNull(cacheAlias, "cacheAlias");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(staleWhileRevalidate, "staleWhileRevalidate");
        Objects.requireNonNull(staleIfError, "staleIfError");
        Objects.requireNonNull(heuristicLimit, "heuristicLimit");
        tokens = List.copyOf(tokens);
        for (Duration duration : List.of(defaultTimeout, staleWhileRevalidate, staleIfError, heuristicLimit)) {
            if (duration.isNegative() || duration.compareTo(LONGEST_LIFETIME) > 0) {
                throw new IllegalArgumentException("a page-cache duration must be from 0 to " + LONGEST_LIFETIME
                        + ": " + duration);
            }
        }
        if (pageTimeout != null && pageTimeout.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException("a page timeout must be at most " + LONGEST_LIFETIME + ": "
                    + pageTimeout);
        }
        if (lockTimeout.isNegative() || lockTimeout.compareTo(LONGEST_LOCK_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a lock timeout must be from 0 to " + LONGEST_LOCK_TIMEOUT + ": "
                    + lockTimeout);
        }
        if (maxEntrySize <= 0 || maxEntrySize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the maximum entry size must be between 1 and "
                    + (Integer.MAX_VALUE - 8) + " bytes: " + maxEntrySize);
        }
    }

    /** Settings without heuristic freshness (it applies to shared mode only). */
    public PageCacheSettings(String cacheAlias, String keyPrefix, Duration defaultTimeout, Duration pageTimeout,
                             long maxEntrySize, PageCacheMode mode, Duration lockTimeout,
                             Duration staleWhileRevalidate, Duration staleIfError, boolean cacheStatusHeader,
                             List<String> tokens) {
        this(cacheAlias, keyPrefix, defaultTimeout, pageTimeout, maxEntrySize, mode, lockTimeout,
                staleWhileRevalidate, staleIfError, cacheStatusHeader, tokens, Duration.ZERO);
    }
}
