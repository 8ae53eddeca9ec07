package dev.webcache.page;

import dev.webcache.cache.ThrottledLog;
import dev.webcache.http.CacheControl;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page-cache engine for one configuration, shared by {@code CacheFilter}, {@code UpdateCacheFilter},
 * {@code FetchFromCacheFilter} and {@code @CachePage}: {@link #cache} does both halves, {@link #update} the
 * response half (outermost, it sees every header inner filters add), {@link #fetch} the request half (innermost,
 * after the filters that shape the request). Only REQUEST dispatches of GET and HEAD are considered.
 *
 * <p>Under load and failure: renders of one page are coalesced (one renders, the others wait for it or get the
 * stale page), a stale page stands in for a render that throws or answers 5xx within its stale-if-error window,
 * and a failing backend turns the page cache off for the request, never the page.
 */
public final class PageCaching {
    /** The response header telling how the page cache answered, when {@code x-cache-header} is on. */
    public static final String CACHE_STATUS_HEADER = "X-Cache";
    private static final Logger LOG = LoggerFactory.getLogger(PageCaching.class);

    private final PageCache pageCache;
    private final PageCacheSettings settings;
    private final StorePolicy policy;
    private final PageCacheCounters counters = new PageCacheCounters();
    private final ThrottledLog renderFailures;
    /** The shared-mode request flow; {@code null} in origin mode. */
    private final SharedCaching shared;
    private ObjectName mbeanName;

    /**
     * An engine storing into the page cache of the settings' cache and key prefix.
     *
     * @throws dev.webcache.cache.InvalidCacheBackendException if the cache alias is not configured
     * @throws IllegalStateException if webcache has not started in {@code context}
     */
    public PageCaching(ServletContext context, PageCacheSettings settings) {
        this.pageCache = PageCache.from(context, settings.cacheAlias(), settings.keyPrefix());
        this.settings = settings;
        this.policy = new StorePolicy(settings.mode(), pageCache.clock());
        this.renderFailures = new ThrottledLog(LOG, pageCache.clock(), ThrottledLog.DEFAULT_INTERVAL);
        this.shared = settings.mode() == PageCacheMode.SHARED
                ? new SharedCaching(this, pageCache, settings, policy, counters) : null;
        pageCache.addCounters(counters);
    }

    public PageCache pageCache() {
        return pageCache;
    }

    /** This configuration's own counters (a filter pair's fetch half counts lookups, its update half stores). */
    public PageCacheStatistics statistics() {
        return counters.snapshot();
    }

    /**
     * Publishes this configuration's counters as the MBean
     * {@code dev.webcache:type=PageCache,context=<contextPath>,name=<name>} (see {@link PageCacheMXBean}).
     */
    public synchronized void registerMBean(String contextPath, String name) {
        if (mbeanName == null) {
            mbeanName = counters.register(contextPath, name);
        }
    }

    /** Withdraws the MBean of {@link #registerMBean}, if any. */
    public synchronized void unregisterMBean() {
        PageCacheCounters.unregister(mbeanName);
        mbeanName = null;
    }

    /** Both halves: answers from a stored page, or renders through {@code chain} and stores what may be stored. */
    public void cache(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (shared != null) {
            if (isClaimable(request)) {
                shared.cache(request, response, chain, claim(request));
            } else {
                if (isBypass(request)) {
                    counters.bypasses.increment();
                }
                shared.passThrough(request, response, chain);
            }
            return;
        }
        if (!isClaimable(request)) {
            passOn(request, response, chain);
            return;
        }
        PageRequest state = claim(request);
        if (!answer(request, response, state)) {
            render(request, response, chain, state);
        }
    }

    /**
     * The response half (Django's {@code UpdateCacheMiddleware}): renders through {@code chain} and stores the
     * response if a fetch half of the same page cache missed on this request.
     */
    public void update(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isClaimable(request)) {
            chain.doFilter(request, response);
            return;
        }
        render(request, response, chain, claim(request));
    }

    /**
     * The request half (Django's {@code FetchFromCacheMiddleware}): answers from a stored page, or records the miss
     * for the update half and continues the chain.
     */
    public void fetch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !policy.isCacheableMethod(request.getMethod())) {
            passOn(request, response, chain);
            return;
        }
        PageRequest state = (PageRequest) request.getAttribute(PageRequest.ATTRIBUTE);
        if (state != null && (state.lookedUp() || state.owner().pageCache != pageCache)) {
            chain.doFilter(request, response);
            return;
        }
        if (!answer(request, response, state)) {
            chain.doFilter(request, response);
        }
    }

    private void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isBypass(request)) {
            counters.bypasses.increment();
            cacheStatus(response, CacheStatus.BYPASS);
        }
        chain.doFilter(request, response);
    }

    /** A request of the client's that no page-cache configuration has claimed (not a forward or an include). */
    private static boolean isBypass(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && request.getAttribute(PageRequest.ATTRIBUTE) == null;
    }

    private boolean isClaimable(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST && policy.isCacheableMethod(request.getMethod())
                && request.getAttribute(PageRequest.ATTRIBUTE) == null;
    }

    private PageRequest claim(HttpServletRequest request) {
        PageRequest state = new PageRequest(this);
        request.setAttribute(PageRequest.ATTRIBUTE, state);
        return state;
    }

    /**
     * Looks the request up and answers it when it can: a fresh page; a stale one while another request renders
     * its successor; or the page another request was rendering, after waiting for it (and for the next render, if
     * that one stored nothing this request can use, within {@code lock-timeout} in all). Otherwise records the miss
     * in {@code state} (if any; without one, a fetch half alone, it never claims a render as nothing will store)
     * and returns {@code false}: the caller renders.
     */
    private boolean answer(HttpServletRequest request, HttpServletResponse response, PageRequest state)
            throws IOException {
        RequestIdentity identity = RequestIdentity.beforeRender(request);
        PageCache.Lookup lookup = pageCache.lookup(request);
        long deadline = 0;
        while (true) {
            boolean servable = lookup.isServableTo(identity);
            if (!servable) {
                lookup = lookup.notUsable();
            }
            if (state != null) {
                state.recordLookup(lookup, request, identity);
            }
            if (lookup.isHit()) {
                serve(request, response, lookup.page(), CacheStatus.HIT);
                return true;
            }
            if (lookup.backendFailed()) {
                counters.bypasses.increment();
                cacheStatus(response, CacheStatus.BYPASS);
                return false;
            }
            String renderKey = lookup.renderKey();
            long now = pageCache.clock().millis();
            RenderCoalescer coalescer = pageCache.coalescer();
            // a user's request coalesces only where the learned Vary keys it per user: no other render is its page
            if (state == null || settings.lockTimeout().isZero() || "HEAD".equals(request.getMethod())
                    || !identity.mayShare(false, lookup.varyNames()) || coalescer.isUncoalesced(renderKey, now)) {
                return miss(response);
            }
            RenderCoalescer.Render render = coalescer.claim(renderKey);
            if (render != null) {
                state.ownRender(render);
                return miss(response);
            }
            StoredPage stale = servable ? lookup.page() : null;
            if (stale != null && stale.isServableWhileRevalidating(now)) {
                serve(request, response, stale, CacheStatus.STALE);
                return true;
            }
            if (deadline == 0) {
                counters.coalescedWaits.increment();
                deadline = System.nanoTime() + settings.lockTimeout().toNanos();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !coalescer.awaitRender(renderKey, Duration.ofNanos(left))) {
                state.renderUncached();
                counters.refused(Refusal.LOCK_TIMEOUT);
                return miss(response);
            }
            // the page the other request rendered, or (its Vary now known) the render of this request's variant
            lookup = pageCache.lookup(request);
        }
    }

    private boolean miss(HttpServletResponse response) {
        counters.misses.increment();
        cacheStatus(response, CacheStatus.MISS);
        return false;
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, StoredPage page, CacheStatus how)
            throws IOException {
        if (how == CacheStatus.STALE) {
            counters.staleServed.increment();
        } else {
            counters.hits.increment();
        }
        cacheStatus(response, how);
        if (pageCache.serve(request, response, page) == 304 && how == CacheStatus.HIT) {
            counters.notModified.increment();
        }
    }

    private void cacheStatus(HttpServletResponse response, CacheStatus status) {
        if (settings.cacheStatusHeader()) {
            response.setHeader(CACHE_STATUS_HEADER, status.name());
        }
    }

    /** The values of {@value #CACHE_STATUS_HEADER}. */
    private enum CacheStatus {
        /** A fresh stored page. */
        HIT,
        /** Rendered by the application (and stored if the policy allowed). */
        MISS,
        /** A stale page: while another request renders its successor, or in place of a failed render. */
        STALE,
        /** Not looked up: not GET or HEAD, or the backend failed. */
        BYPASS
    }

    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        PageRequest state) throws IOException, ServletException {
        boolean stored = false;
        try {
            if (!settings.tokens().isEmpty()) {
                state.addTokens(settings.tokens(), pageCache);
            }
            CapturingResponse capture = new CapturingResponse(response, settings.maxEntrySize(),
                    () -> state.miss() != null, held -> earlyRefusal(request, held, state),
                    () -> errorFallback(state) != null);
            try {
                chain.doFilter(request, capture);
            } catch (IOException | ServletException | RuntimeException e) {
                StoredPage fallback = errorFallback(state);
                if (fallback != null && capture.abandon()) {
                    renderFailures.warn("page cache '" + pageCache.cache().alias() + "': rendering "
                            + request.getRequestURI() + " failed; a stale page was sent instead", e);
                    count(request, state.miss(), Refusal.STATUS);
                    serve(request, response, fallback, CacheStatus.STALE);
                    return;
                }
                count(request, state.miss(), Refusal.STATUS);
                throw e;
            }
            stored = finish(request, response, capture, state);
        } finally {
            state.releaseRender(stored, pageCache.clock().millis());
        }
    }

    /** The stale page that may stand in for this render if it fails, or {@code null}. */
    private StoredPage errorFallback(PageRequest state) {
        PageCache.Lookup lookup = state.lastLookup();
        StoredPage page = lookup == null || !lookup.isServableTo(state.identity()) ? null : lookup.page();
        return page != null && page.isServableOnError(pageCache.clock().millis()) ? page : null;
    }

    /**
     * At a first write or a flush: stream at once if the response is refused already and needs no patching, unless
     * it is a server error that a stale page may yet replace.
     */
    private Refusal earlyRefusal(HttpServletRequest request, CapturingResponse response, PageRequest state) {
        if (response.getStatus() >= 500 && errorFallback(state) != null) {
            return null;
        }
        HttpServletRequest keyRequest = state.keyRequest(request);
        StorePolicy.Decision decision = policy.decide(keyRequest, response, response.setsCookie(),
                RequestIdentity.afterRender(keyRequest), settings);
        return decision.patchHeaders() ? null : decision.refusal();
    }

    /** Completes the response: stores it, or sends a stale page in place of a server error. Returns whether stored. */
    private boolean finish(HttpServletRequest request, HttpServletResponse response, CapturingResponse capture,
                           PageRequest state) throws IOException {
        PageCache.Lookup miss = state.miss();
        if (request.isAsyncStarted()) {
            Refusal reason = capture.isHolding() ? Refusal.ASYNC : capture.passThroughReason();
            capture.streamFromNowOn(Refusal.ASYNC);
            count(request, miss, reason);
            return false;
        }
        capture.flushWriter();
        StoredPage fallback = capture.getStatus() >= 500 ? errorFallback(state) : null;
        if (fallback != null && capture.abandon()) {
            count(request, miss, Refusal.STATUS);
            serve(request, response, fallback, CacheStatus.STALE);
            return false;
        }
        if (capture.deferredError() != 0) {
            count(request, miss, Refusal.STATUS);
            capture.sendDeferredError();
            return false;
        }
        Refusal refusal = null;
        if (miss != null) {
            if (!capture.isHolding()) {
                refusal = capture.passThroughReason();
            } else if (capture.isCommitted()) {
                refusal = Refusal.COMMITTED;
            } else {
                refusal = decideAndStore(request, capture, state, miss);
            }
            count(request, miss, refusal);
        }
        boolean stored = miss != null && refusal == null;
        // waiters can be answered from the store now, before this response's bytes go out
        state.releaseRender(stored, pageCache.clock().millis());
        capture.complete();
        return stored;
    }

    private void count(HttpServletRequest request, PageCache.Lookup miss, Refusal refusal) {
        if (miss != null && refusal != null) {
            counters.refused(refusal);
            if (LOG.isDebugEnabled()) {
                LOG.debug("not stored ({}): {} {}", refusal, request.getMethod(), request.getRequestURI());
            }
        }
    }

    /**
     * Decides on the response and stores it. A filter pair's update half keys and judges it on the request its fetch
     * half looked up, as the filters between the halves shaped it (wrapped, with headers or a principal added).
     */
    private Refusal decideAndStore(HttpServletRequest request, CapturingResponse response, PageRequest state,
                                   PageCache.Lookup miss) {
        HttpServletRequest keyRequest = state.keyRequest(request);
        StorePolicy.Decision decision = policy.decide(keyRequest, response, response.setsCookie(),
                RequestIdentity.afterRender(keyRequest), settings);
        if (decision.patchHeaders()) {
            patchResponseHeaders(response, decision.lifetimeSeconds());
        }
        Refusal refusal = decision.refusal();
        if (refusal == null && "HEAD".equals(request.getMethod())) {
            refusal = Refusal.HEAD;
        }
        if (refusal == null && response.lengthMismatch()) {
            refusal = Refusal.CONTENT_LENGTH_MISMATCH;
        }
        if (refusal == null && state.tokensUnreadable()) {
            refusal = Refusal.BACKEND_FAILURE;
        }
        if (refusal != null) {
            return refusal;
        }
        StoredPage.Lifetime lifetime = decision.lifetime();
        List<String> varyNames = VaryHeaders.parse(response.getHeaders("Vary")).names();
        StoredPage page = StoredPage.of(response.getStatus(), headers(response), response.body(),
                pageCache.clock().millis(), lifetime, state.tokenStamp(), settings.mode());
        if (!response.containsHeader("ETag")) {
            response.setHeader("ETag", page.etag());
        }
        if (page.gzipped()) {
            ResponseHeaders.patchVaryHeaders(response, List.of("Accept-Encoding"));
        }
        refusal = pageCache.store(miss, keyRequest, varyNames, page, Duration.ofMillis(lifetime.retentionMillis()));
        if (refusal == null) {
            counters.stores.increment();
            counters.bytesStored.add(page.storedLength());
        }
        return refusal;
    }

    /**
     * Django's {@code patch_response_headers} with its inconsistency fixed: {@code max-age} becomes the lower of
     * the response's own and the lifetime, and an {@code Expires} the application did not set is dated by that same
     * {@code max-age}, so both tell clients the same thing.
     */
    private void patchResponseHeaders(HttpServletResponse response, long lifetimeSeconds) {
        long maxAge = Math.min(lifetimeSeconds, CacheControl.MAX_DELTA_SECONDS);
        OptionalLong own = ResponseHeaders.maxAge(response);
        if (own.isPresent()) {
            maxAge = Math.min(maxAge, own.getAsLong());
        }
        ResponseHeaders.patchResponseHeaders(response, Duration.ofSeconds(maxAge), pageCache.clock());
    }

    /**
     * The response's header lines in order, {@code Content-Type} included even where the container keeps it apart,
     * and this engine's own {@code X-Cache} left out.
     */
    List<String[]> headers(HttpServletResponse response) {
        List<String[]> lines = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (settings.cacheStatusHeader()) {
            seen.add(CACHE_STATUS_HEADER);
        }
        for (String name : response.getHeaderNames()) {
            if (seen.add(name)) {
                for (String value : response.getHeaders(name)) {
                    lines.add(new String[] {name, value});
                }
            }
        }
        String contentType = response.getContentType();
        if (contentType != null && !seen.contains("Content-Type")) {
            lines.add(new String[] {"Content-Type", contentType});
        }
        return lines;
    }
}
