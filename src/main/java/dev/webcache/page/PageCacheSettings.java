package dev.webcache.page;

import java.time.Duration;
import java.util.Objects;

/**
 * What one page-cache configuration (a filter's init-params, or a {@code @CachePage}) asks for.
 *
 * @param cacheAlias     the cache pages are stored in
 * @param keyPrefix      a prefix for this configuration's keys (Django's {@code CACHE_MIDDLEWARE_KEY_PREFIX})
 * @param defaultTimeout how long a response without {@code s-maxage} or {@code max-age} is stored (Django's
 *                       {@code CACHE_MIDDLEWARE_SECONDS}); zero means such responses are not stored
 * @param pageTimeout    a lifetime that overrides the response's own ({@code @CachePage(timeout)}), or {@code null}
 * @param maxEntrySize   the largest body stored, in bytes; a larger one streams through to its client
 * @param mode           how cacheability is decided
 * @param heuristicLimit shared mode: the longest heuristic freshness lifetime given to a response without explicit
 *                       freshness (a tenth of the time since its {@code Last-Modified}); zero (the default) means none
 */
public record PageCacheSettings(String cacheAlias, String keyPrefix, Duration defaultTimeout, Duration pageTimeout,
                                long maxEntrySize, PageCacheMode mode, Duration heuristicLimit) {
    /** Django's {@code CACHE_MIDDLEWARE_SECONDS}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** The default {@code max-entry-size}: 1 MiB. */
    public static final long DEFAULT_MAX_ENTRY_SIZE = 1024 * 1024;

    public PageCacheSettings {
        Objects.requireNonNull(cacheAlias, "cacheAlias");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(heuristicLimit, "heuristicLimit");
        if (heuristicLimit.isNegative()) {
            throw new IllegalArgumentException("the heuristic freshness limit must not be negative: "
                    + heuristicLimit);
        }
        if (defaultTimeout.isNegative()) {
            throw new IllegalArgumentException("the default timeout must not be negative: " + defaultTimeout);
        }
        if (maxEntrySize <= 0 || maxEntrySize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the maximum entry size must be between 1 and "
                    + (Integer.MAX_VALUE - 8) + " bytes: " + maxEntrySize);
        }
    }

    /** Settings without heuristic freshness. */
    public PageCacheSettings(String cacheAlias, String keyPrefix, Duration defaultTimeout, Duration pageTimeout,
                             long maxEntrySize, PageCacheMode mode) {
        this(cacheAlias, keyPrefix, defaultTimeout, pageTimeout, maxEntrySize, mode, Duration.ZERO);
    }
}
