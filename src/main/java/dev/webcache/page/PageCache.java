package dev.webcache.page;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.page.store.PageKeys;
import dev.webcache.page.store.PageStore;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The pages stored in one cache under one key prefix, as the page-cache filters and {@code @CachePage} store them:
 * invalidation from application code and statistics. Filters and annotations that name the same cache and prefix
 * share one instance.
 *
 * <pre>
 * PageCache pages = PageCache.from(getServletContext());           // cache "default", key prefix ""
 * pages.invalidate(request, request.getContextPath() + "/news");   // every variant of /news on this host
 * pages.invalidate("https://example.com/news?page=2");
 * </pre>
 */
public final class PageCache {
    private static final String REGISTRY_ATTRIBUTE = PageCache.class.getName() + ".registry";
    private static final Object REGISTRY_LOCK = new Object();

    private final PageStore store;
    private final String keyPrefix;
    private final List<Supplier<PageCacheStatistics>> counters = new CopyOnWriteArrayList<>();

    private PageCache(PageStore store, String keyPrefix) {
        this.store = store;
        this.keyPrefix = keyPrefix;
    }

    /** The page cache of the {@code default} cache with no key prefix (the filters' and {@code @CachePage}'s). */
    public static PageCache from(ServletContext context) {
        return from(context, Caches.DEFAULT_ALIAS, "");
    }

    /**
     * The page cache of a cache alias and key prefix in a web application where webcache has started.
     *
     * @throws dev.webcache.cache.InvalidCacheBackendException if no cache has that alias
     */
    public static PageCache from(ServletContext context, String cacheAlias, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Caches caches = Caches.from(context);
        Registry registry;
        synchronized (REGISTRY_LOCK) {
            Object current = context.getAttribute(REGISTRY_ATTRIBUTE);
            if (current instanceof Registry known && known.caches == caches) {
                registry = known;
            } else {
                registry = new Registry(caches);
                context.setAttribute(REGISTRY_ATTRIBUTE, registry);
            }
        }
        Cache cache = caches.get(cacheAlias);
        return registry.pageCaches.computeIfAbsent(cacheAlias + '\n' + keyPrefix, key -> new PageCache(
                new PageStore(cache, keyPrefix, TokenCounters.of(caches.getDefault()), caches.clock()), keyPrefix));
    }

    /** The page caches of one {@link Caches} registry (a restarted application gets a new one). */
    private record Registry(Caches caches, Map<String, PageCache> pageCaches) {
        Registry(Caches caches) {
            this(caches, new ConcurrentHashMap<>());
        }
    }

    /** The cache the pages are stored in. */
    public Cache cache() {
        return store.cache();
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * Makes every stored variant of a URL unreachable, so that the next request renders it afresh.
     *
     * @param absoluteUrl as clients request it: scheme, host (and port unless the default), path and query as sent,
     *                    e.g. {@code https://example.com/news?page=2}
     * @throws IllegalArgumentException if it is not an absolute http or https URL
     */
    public void invalidate(String absoluteUrl) {
        store.invalidate(PageKeys.urlPart(absoluteUrl));
    }

    /**
     * Makes every stored variant of a URL on the same scheme, host and port as {@code request} unreachable.
     *
     * @param requestUri the path as in {@link HttpServletRequest#getRequestURI()} (context path included), with
     *                   {@code ?} and the query if the page has one, e.g. {@code request.getContextPath() + "/news"}
     */
    public void invalidate(HttpServletRequest request, String requestUri) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        invalidate(scheme + "://" + host + ":" + request.getServerPort() + requestUri);
    }

    /**
     * Removes every entry of the cache the pages are stored in. Like Django's {@code cache.clear()}, that is the
     * whole store, whatever the key prefix: give pages a cache alias of their own if other data shares it.
     */
    public void clear() {
        store.cache().clear();
    }

    /** The counters of every filter and {@code @CachePage} servlet using this page cache, summed. */
    public PageCacheStatistics statistics() {
        PageCacheStatistics sum = PageCacheStatistics.NONE;
        for (Supplier<PageCacheStatistics> configuration : counters) {
            sum = sum.plus(configuration.get());
        }
        return sum;
    }

    /**
     * Adds the counts of one more configuration storing into this page cache (a filter, a {@code @CachePage}
     * servlet) to {@link #statistics()}.
     */
    public void addStatistics(Supplier<PageCacheStatistics> configuration) {
        counters.add(configuration);
    }
}
