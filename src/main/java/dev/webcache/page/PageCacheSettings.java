package dev.webcache.page;

import dev.webcache.cache.Caches;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one page-cache configuration (a filter's init-params, or a {@code @CachePage}) asks for. Immutable; made with
 * {@link #builder()}, where every setting not named keeps its default:
 *
 * <pre>
 * PageCacheSettings settings = PageCacheSettings.builder().cacheAlias("pages").defaultTimeout(Duration.ofMinutes(5))
 *         .build();
 * </pre>
 */
public final class PageCacheSettings {
    /** Django's {@code CACHE_MIDDLEWARE_SECONDS}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** The default {@code max-entry-size}: 1 MiB. */
    public static final long DEFAULT_MAX_ENTRY_SIZE = 1024 * 1024;
    /** The default {@code lock-timeout}, nginx's {@code proxy_cache_lock_timeout}: 10 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** The longest {@code lock-timeout}: past five minutes a waiting request is a hung one. */
    public static final Duration LONGEST_LOCK_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The heuristic limit {@code CacheFilter mode=shared} uses unless told otherwise: a day, as Squid and httpd cap
     * theirs (RFC 9111 section 4.2.2 leaves the cap to the cache).
     */
    public static final Duration DEFAULT_SHARED_HEURISTIC_LIMIT = Duration.ofDays(1);
    /** The targeted cache-control field a shared cache obeys unless told otherwise (RFC 9213). */
    public static final List<String> DEFAULT_TARGETED_FIELDS = List.of("CDN-Cache-Control");
    /** The longest timeout, stale window or heuristic limit: a year (a longer one is a typo, not a wish). */
    public static final Duration LONGEST_LIFETIME = Duration.ofDays(365);

    private final String cacheAlias;
    private final String keyPrefix;
    private final Duration defaultTimeout;
    private final Duration pageTimeout;
    private final long maxEntrySize;
    private final PageCacheMode mode;
    private final Duration lockTimeout;
    private final Duration staleWhileRevalidate;
    private final Duration staleIfError;
    private final boolean cacheStatusHeader;
    private final List<String> tokens;
    private final Duration heuristicLimit;
    private final List<String> targetedFields;

    private PageCacheSettings(Builder builder) {
        cacheAlias = Objects.requireNonNull(builder.cacheAlias, "cacheAlias");
        keyPrefix = Objects.requireNonNull(builder.keyPrefix, "keyPrefix");
        defaultTimeout = lifetime(builder.defaultTimeout, "defaultTimeout");
        pageTimeout = builder.pageTimeout == null ? null : lifetime(builder.pageTimeout, "pageTimeout");
        maxEntrySize = builder.maxEntrySize;
        mode = Objects.requireNonNull(builder.mode, "mode");
        lockTimeout = Objects.requireNonNull(builder.lockTimeout, "lockTimeout");
        staleWhileRevalidate = lifetime(builder.staleWhileRevalidate, "staleWhileRevalidate");
        staleIfError = lifetime(builder.staleIfError, "staleIfError");
        cacheStatusHeader = builder.cacheStatusHeader;
        tokens = List.copyOf(builder.tokens);
        heuristicLimit = lifetime(builder.heuristicLimit, "heuristicLimit");
        targetedFields = List.copyOf(builder.targetedFields);
        if (lockTimeout.isNegative() || lockTimeout.compareTo(LONGEST_LOCK_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a lock timeout must be from 0 to " + LONGEST_LOCK_TIMEOUT + ": "
                    + lockTimeout);
        }
        if (maxEntrySize <= 0 || maxEntrySize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the maximum entry size must be between 1 and "
                    + (Integer.MAX_VALUE - 8) + " bytes: " + maxEntrySize);
        }
    }

    private static Duration lifetime(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException(name + " must be from 0 to " + LONGEST_LIFETIME + ": " + duration);
        }
        return duration;
    }

    /** Settings with every default: the {@code default} cache, no key prefix, origin mode. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cache pages are stored in. */
    public String cacheAlias() {
        return cacheAlias;
    }

    /** A prefix for this configuration's keys (Django's {@code CACHE_MIDDLEWARE_KEY_PREFIX}). */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * How long a response without {@code s-maxage} or {@code max-age} is stored (Django's
     * {@code CACHE_MIDDLEWARE_SECONDS}); zero means such responses are not stored.
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** A lifetime that overrides the response's own ({@code @CachePage(timeout)}), or {@code null}. */
    public Duration pageTimeout() {
        return pageTimeout;
    }

    /** The largest body stored, in bytes; a larger one streams through to its client. */
    public long maxEntrySize() {
        return maxEntrySize;
    }

    /** How cacheability is decided. */
    public PageCacheMode mode() {
        return mode;
    }

    /**
     * How long a request waits for another request's render of its page before rendering it uncached; zero turns
     * coalescing off.
     */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /**
     * How long past its freshness a page is still sent while one request re-renders it, unless the response says
     * otherwise with its own {@code stale-while-revalidate}.
     */
    public Duration staleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    /**
     * How long past its freshness a page is still sent in place of a render that throws or answers 5xx, unless the
     * response has its own {@code stale-if-error}.
     */
    public Duration staleIfError() {
        return staleIfError;
    }

    /** Whether responses get {@code X-Cache: HIT | MISS | STALE | BYPASS}. */
    public boolean cacheStatusHeader() {
        return cacheStatusHeader;
    }

    /** Tokens every page of this configuration is marked with ({@code @CachePage(tokens)}). */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Shared mode: the longest heuristic freshness lifetime given to a response without explicit freshness (a tenth
     * of the time since its {@code Last-Modified}); zero (the builder's default) means none. {@code CacheFilter}
     * with {@code mode=shared} defaults to {@link #DEFAULT_SHARED_HEURISTIC_LIMIT}.
     */
    public Duration heuristicLimit() {
        return heuristicLimit;
    }

    /**
     * Shared mode: the targeted cache-control fields (RFC 9213) this cache obeys, in order of preference; the first
     * one a response carries with a valid value replaces its {@code Cache-Control} and {@code Expires} for storing
     * and freshness. Default {@link #DEFAULT_TARGETED_FIELDS}.
     */
    public List<String> targetedFields() {
        return targetedFields;
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private String cacheAlias = Caches.DEFAULT_ALIAS;
        private String keyPrefix = "";
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private Duration pageTimeout;
        private long maxEntrySize = DEFAULT_MAX_ENTRY_SIZE;
        private PageCacheMode mode = PageCacheMode.ORIGIN;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration staleWhileRevalidate = Duration.ZERO;
        private Duration staleIfError = Duration.ZERO;
        private boolean cacheStatusHeader;
        private List<String> tokens = List.of();
        private Duration heuristicLimit = Duration.ZERO;
        private List<String> targetedFields = DEFAULT_TARGETED_FIELDS;

        private Builder() {
        }

        public Builder cacheAlias(String alias) {
            this.cacheAlias = alias;
            return this;
        }

        public Builder keyPrefix(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = timeout;
            return this;
        }

        public Builder pageTimeout(Duration timeout) {
            this.pageTimeout = timeout;
            return this;
        }

        public Builder maxEntrySize(long bytes) {
            this.maxEntrySize = bytes;
            return this;
        }

        public Builder mode(PageCacheMode cacheMode) {
            this.mode = cacheMode;
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
            return this;
        }

        public Builder staleWhileRevalidate(Duration window) {
            this.staleWhileRevalidate = window;
            return this;
        }

        public Builder staleIfError(Duration window) {
            this.staleIfError = window;
            return this;
        }

        public Builder cacheStatusHeader(boolean on) {
            this.cacheStatusHeader = on;
            return this;
        }

        public Builder tokens(List<String> pageTokens) {
            this.tokens = pageTokens;
            return this;
        }

        public Builder heuristicLimit(Duration limit) {
            this.heuristicLimit = limit;
            return this;
        }

        public Builder targetedFields(List<String> fieldNames) {
            this.targetedFields = fieldNames;
            return this;
        }

        /** @throws IllegalArgumentException when a duration or size is out of its range */
        public PageCacheSettings build() {
            return new PageCacheSettings(this);
        }
    }
}
