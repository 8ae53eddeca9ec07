package dev.webcache.page;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import dev.webcache.cache.ThrottledLog;
import dev.webcache.http.AcceptEncoding;
import dev.webcache.http.ConditionalRequest;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;

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
    /** How long the mark an invalidation leaves outlives it: longer than any render that was in flight. */
    static final Duration INVALIDATION_MARK_LIFETIME = Duration.ofHours(1);
    private static final String REGISTRY_ATTRIBUTE = PageCache.class.getName() + ".registry";
    private static final Object REGISTRY_LOCK = new Object();

    static {
        // before the first page is read back from a shared backend
        PageFormats.register();
    }
    private static final int ACCEPT_ENCODINGS_KEPT = 256;

    private final Cache cache;
    private final String keyPrefix;
    private final PageKeys keys;
    private final TokenCounters tokenCounters;
    private final Clock clock;
    private final ThrottledLog failures;
    private final RenderCoalescer coalescer = new RenderCoalescer();
    private final List<PageCacheCounters> counters = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> acceptsGzip = new ConcurrentHashMap<>();

    private PageCache(Cache cache, String keyPrefix, TokenCounters tokenCounters, Clock clock, ThrottledLog failures) {
        this.cache = cache;
        this.keyPrefix = keyPrefix;
        this.keys = new PageKeys(keyPrefix);
        this.tokenCounters = tokenCounters;
        this.clock = clock;
        this.failures = failures;
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
        return registry.pageCaches.computeIfAbsent(cacheAlias + '\n' + keyPrefix,
                key -> new PageCache(cache, keyPrefix, TokenCounters.of(caches.getDefault()), caches.clock(),
                        registry.failureLog(cacheAlias)));
    }

    /** The page caches of one {@link Caches} registry (a restarted application gets a new one). */
    private record Registry(Caches caches, Map<String, PageCache> pageCaches, Map<String, ThrottledLog> failureLogs) {
        Registry(Caches caches) {
            this(caches, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        /** One log per cache, so that an outage is reported once per interval however many prefixes use it. */
        ThrottledLog failureLog(String cacheAlias) {
            return failureLogs.computeIfAbsent(cacheAlias, alias -> new ThrottledLog(
                    LoggerFactory.getLogger(PageCache.class), caches.clock(), ThrottledLog.DEFAULT_INTERVAL));
        }
    }

    /** The cache the pages are stored in. */
    public Cache cache() {
        return cache;
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
        invalidateUrlPart(PageKeys.urlPart(absoluteUrl));
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

    private void invalidateUrlPart(String urlPart) {
        cache.set(keys.varyKey(urlPart), LearnedVary.invalidationMark(newGeneration()), INVALIDATION_MARK_LIFETIME);
    }

    /**
     * Removes every entry of the cache the pages are stored in. Like Django's {@code cache.clear()}, that is the
     * whole store, whatever the key prefix: give pages a cache alias of their own if other data shares it.
     */
    public void clear() {
        cache.clear();
    }

    /** The counters of every filter and {@code @CachePage} servlet using this page cache, summed. */
    public PageCacheStatistics statistics() {
        PageCacheStatistics sum = new PageCacheCounters().snapshot();
        for (PageCacheCounters engine : counters) {
            sum = sum.plus(engine.snapshot());
        }
        return sum;
    }

    /** Makes an engine's counters part of {@link #statistics()}. */
    void addCounters(PageCacheCounters engineCounters) {
        counters.add(engineCounters);
    }

    Clock clock() {
        return clock;
    }

    RenderCoalescer coalescer() {
        return coalescer;
    }

    TokenCounters tokenCounters() {
        return tokenCounters;
    }

    /** Logs a backend failure, at most once per interval. */
    void backendFailed(String what, RuntimeException e) {
        failures.warn("page cache '" + cache.alias() + "': " + what, e);
    }

    /**
     * Looks a request up: the stored page (fresh or stale, the caller decides what it may do with a stale one) and
     * what a later store needs to know. A page whose token counters moved since it was rendered is not returned.
     */
    Lookup lookup(HttpServletRequest request) {
        String urlPart = PageKeys.urlPart(request);
        try {
            LearnedVary vary = cache.getImmutable(keys.varyKey(urlPart), LearnedVary.class);
            if (vary == null) {
                return new Lookup(urlPart, null, null, List.of(), null, false, false);
            }
            if (vary.invalidationMark()) {
                return new Lookup(urlPart, vary.generation(), null, List.of(), null, false, false);
            }
            String variant = PageKeys.variant(request, vary.names());
            StoredPage page = vary.names().isEmpty() ? vary.page()
                    : cache.getImmutable(keys.pageKey(urlPart, vary.generation(), variant), StoredPage.class);
            if (page != null && !page.tokens().isEmpty()
                    && tokenCounters.sum(page.tokens().tokens()) != page.tokens().sum()) {
                page = null;
            }
            if (page != null && page.gzipped() && !acceptsGzip(request) && !page.hasIdentityBody()) {
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
     * Stores a page for the request that missed, learning the URL's {@code Vary} names.
     *
     * @return {@code null} when stored, else why not
     */
    Refusal store(Lookup miss, HttpServletRequest request, List<String> varyNames, StoredPage page,
                  Duration lifetime) {
        if (miss.backendFailed()) {
            return Refusal.BACKEND_FAILURE;
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
                return Refusal.INVALIDATED;
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
                cache.set(keys.pageKey(miss.urlPart(), generation, PageKeys.variant(request, names)), page,
                        lifetime);
            }
            return null;
        } catch (RuntimeException e) {
            backendFailed("storing a page failed; it was served uncached", e);
            return Refusal.BACKEND_FAILURE;
        }
    }

    /**
     * Answers a request from a stored page: 304 or 412 when its preconditions say so (RFC 9110 section 13.2.2),
     * else the page (headers only for HEAD), with {@code Age}; gzip-stored bodies in the encoding the client
     * accepts.
     *
     * @return the status sent
     */
    int serve(HttpServletRequest request, HttpServletResponse response, StoredPage page) throws IOException {
        long now = clock.millis();
        boolean gzip = page.gzipped() && acceptsGzip(request);
        int status = preconditionStatus(request, page, gzip);
        if (status == 304) {
            response.setStatus(304);
            for (int i = 0; i < page.headerCount(); i++) {
                if (page.isNotModifiedHeader(i)) {
                    putHeader(response, page, i);
                }
            }
            if (page.etag(gzip) != null) {
                response.setHeader("ETag", page.etag(gzip));
            }
            response.setHeader("Age", page.age(now));
            return 304;
        }
        if (status == 412) {
            response.setStatus(412);
            response.setContentLength(0);
            return 412;
        }
        response.setStatus(page.status());
        for (int i = 0; i < page.headerCount(); i++) {
            putHeader(response, page, i);
        }
        if (page.etag(gzip) != null) {
            response.setHeader("ETag", page.etag(gzip));
        }
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setHeader("Age", page.age(now));
        response.setContentLengthLong(page.bodyLength(gzip));
        if (!"HEAD".equals(request.getMethod())) {
            page.writeBody(response.getOutputStream(), gzip);
        }
        return page.status();
    }

    private boolean acceptsGzip(HttpServletRequest request) {
        String header = joined(request, "Accept-Encoding");
        if (header == null) {
            return false;
        }
        Boolean known = acceptsGzip.get(header);
        if (known == null) {
            known = AcceptEncoding.acceptsGzip(header);
            if (acceptsGzip.size() < ACCEPT_ENCODINGS_KEPT) {
                acceptsGzip.putIfAbsent(header, known);
            }
        }
        return known;
    }

    private static void putHeader(HttpServletResponse response, StoredPage page, int i) {
        if (page.isFirstOfName(i)) {
            response.setHeader(page.headerName(i), page.headerValue(i));
        } else {
            response.addHeader(page.headerName(i), page.headerValue(i));
        }
    }

    private static int preconditionStatus(HttpServletRequest request, StoredPage page, boolean gzip) {
        String ifModifiedSince = request.getHeader("If-Modified-Since");
        String ifUnmodifiedSince = request.getHeader("If-Unmodified-Since");
        if (ifModifiedSince == null && ifUnmodifiedSince == null && request.getHeader("If-None-Match") == null
                && request.getHeader("If-Match") == null) {
            return 200;
        }
        return new ConditionalRequest(request.getMethod(), joined(request, "If-Match"),
                joined(request, "If-None-Match"), ifModifiedSince, ifUnmodifiedSince)
                .evaluate(page.parsedEtag(gzip), page.parsedLastModified()).status();
    }

    private static String joined(HttpServletRequest request, String name) {
        var lines = request.getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            joined.append(", ").append(lines.nextElement());
        }
        return joined.toString();
    }

    private static String newGeneration() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * The result of a lookup.
     *
     * @param urlPart       the URL part of the request's keys
     * @param generation    the URL's generation seen at lookup, or {@code null} when nothing was learned yet
     * @param variant       the request's variant under the learned {@code Vary}, or {@code null} when none is known
     * @param varyNames     the learned {@code Vary} names (lowercase), empty when none are known
     * @param page          the stored page, fresh or stale, or {@code null}
     * @param fresh         whether {@code page} is fresh (a hit)
     * @param backendFailed whether the backend failed, so the response must not be stored
     */
    record Lookup(String urlPart, String generation, String variant, List<String> varyNames, StoredPage page,
                  boolean fresh, boolean backendFailed) {
        boolean isHit() {
            return fresh;
        }

        /** This lookup with its page kept but not usable as a hit (a stale page in it may still stand in). */
        Lookup notUsable() {
            return fresh ? new Lookup(urlPart, generation, variant, varyNames, page, false, backendFailed) : this;
        }

        /** Whether its page may be sent to a request with this identity (see {@link RequestIdentity}). */
        boolean isServableTo(RequestIdentity identity) {
            return page == null || identity.isAnonymous() || identity.mayShare(page.declaredShareable(), varyNames);
        }

        /** The key renders of this page coalesce on: the URL and, once the URL's {@code Vary} is known, the variant. */
        String renderKey() {
            return variant == null ? urlPart : urlPart + '\n' + variant;
        }
    }
}
