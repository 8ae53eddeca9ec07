package dev.webcache.page.engine;

import dev.webcache.cache.Caches;
import dev.webcache.cache.ThrottledLog;
import dev.webcache.headers.ResponseHeaders;
import dev.webcache.http.CacheControl;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheMode;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.Refusal;
import dev.webcache.page.store.Lookup;
import dev.webcache.page.store.PageKeys;
import dev.webcache.page.store.PageStore;
import dev.webcache.page.store.RenderTokens;
import dev.webcache.page.store.StoredPage;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page-cache engine of one configuration, shared by {@code CacheFilter}, {@code UpdateCacheFilter},
 * {@code FetchFromCacheFilter} and {@code @CachePage} in every mode: the one request flow. {@link #cache} does both
 * halves, {@link #update} the response half (outermost, it sees every header inner filters add), {@link #fetch} the
 * request half (innermost, after the filters that shape the request). Only REQUEST dispatches of GET and HEAD are
 * looked up; in shared mode a successful unsafe method invalidates.
 *
 * <p>The flow: look up, let {@link ServePolicy} decide (serve, wait for another render, render or revalidate, 504),
 * render through the chain into a {@link CapturingResponse} (synchronously or asynchronously), let
 * {@link StorePolicy} decide on the response, store, count; a page whose last render declared itself unstorable
 * renders straight through, not captured, for a while. The decisions take immutable snapshots
 * ({@link RequestFacts}, {@link ResponseFacts}); this class only carries them out. Under load and failure: renders of
 * one page are coalesced, a stale page stands in for a render that throws or answers 5xx within its stale-if-error
 * window, and a failing backend turns the page cache off for the request, never the page.
 */
public final class PageEngine {
    /** The response header telling how the page cache answered, when {@code x-cache-header} is on. */
    public static final String CACHE_STATUS_HEADER = "X-Cache";
    private static final Logger LOG = LoggerFactory.getLogger(PageEngine.class);

    private final PageCache pageCache;
    private final PageStore store;
    private final PageCacheSettings settings;
    private final Clock clock;
    private final StorePolicy storePolicy;
    private final ServePolicy servePolicy;
    private final ServletFacts facts;
    private final PageResponder responder;
    private final RenderCoalescer coalescer = new RenderCoalescer();
    private final PageCacheCounters counters = new PageCacheCounters();
    private final ThrottledLog renderFailures;
    /** Shared mode: what a successful unsafe method invalidates; {@code null} in origin mode. */
    private final UnsafeMethodInvalidation invalidation;
    private ObjectName mbeanName;

    /**
     * An engine storing into the page cache of the settings' cache and key prefix.
     *
     * @throws dev.webcache.cache.InvalidCacheBackendException if the cache alias is not configured
     * @throws IllegalStateException if webcache has not started in {@code context}
     */
    public PageEngine(ServletContext context, PageCacheSettings settings) {
        Caches caches = Caches.from(context);
        this.pageCache = PageCache.from(context, settings.cacheAlias(), settings.keyPrefix());
        this.store = new PageStore(caches.get(settings.cacheAlias()), settings.keyPrefix(),
                TokenCounters.of(caches.getDefault()), caches.clock());
        this.settings = settings;
        this.clock = caches.clock();
        this.storePolicy = new StorePolicy(settings);
        this.servePolicy = new ServePolicy(settings);
        this.facts = new ServletFacts(settings.mode(), settings.targetedFields());
        this.responder = new PageResponder(clock);
        this.renderFailures = new ThrottledLog(LOG, clock, ThrottledLog.DEFAULT_INTERVAL);
        this.invalidation = settings.mode() == PageCacheMode.SHARED ? new UnsafeMethodInvalidation(pageCache, clock)
                : null;
        pageCache.addStatistics(counters::snapshot);
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
     * {@code dev.webcache:type=PageCache,context=<contextPath>,name=<name>} (see
     * {@link dev.webcache.page.PageCacheMXBean}).
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
        if (!isClaimable(request)) {
            passOn(request, response, chain);
            return;
        }
        ClaimedRequest claimed = claim(request);
        if (!answer(request, response, claimed)) {
            render(request, response, chain, claimed);
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
        if (request.getDispatcherType() != DispatcherType.REQUEST || !isCacheableMethod(request.getMethod())) {
            passOn(request, response, chain);
            return;
        }
        ClaimedRequest claimed = (ClaimedRequest) request.getAttribute(ClaimedRequest.ATTRIBUTE);
        if (claimed != null && (claimed.lookedUp() || claimed.owner().pageCache != pageCache)) {
            chain.doFilter(request, response);
            return;
        }
        if (!answer(request, response, claimed)) {
            chain.doFilter(request, response);
        }
    }

    private static boolean isCacheableMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** A request no configuration claims: counted as a bypass when it is the client's own, and, in shared mode, an
     * unsafe method invalidates what it changes. */
    private void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && request.getAttribute(ClaimedRequest.ATTRIBUTE) == null) {
            counters.bypasses.increment();
            cacheStatus(response, CacheStatus.BYPASS);
        }
        if (invalidation != null && UnsafeMethodInvalidation.appliesTo(request)) {
            invalidation.around(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isClaimable(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST && isCacheableMethod(request.getMethod())
                && request.getAttribute(ClaimedRequest.ATTRIBUTE) == null;
    }

    private ClaimedRequest claim(HttpServletRequest request) {
        ClaimedRequest claimed = new ClaimedRequest(this);
        request.setAttribute(ClaimedRequest.ATTRIBUTE, claimed);
        return claimed;
    }

    private Lookup lookup(HttpServletRequest request) {
        String urlPart = PageKeys.urlPart(request.getScheme(), request.getServerName(), request.getServerPort(),
                request.getRequestURI(), request.getQueryString());
        return store.lookup(urlPart, request::getHeaders, () -> responder.acceptsGzip(request));
    }

    /**
     * Looks the request up and carries out what {@link ServePolicy} decides, until it is answered or is to render:
     * a page is sent; or the request waits for another request's render of its page and looks again (within
     * {@code lock-timeout} in all, then it renders uncached). Records the lookup in {@code claimed} (without one, a
     * fetch half alone, it never claims a render as nothing will store).
     *
     * @return whether the request was answered; otherwise the caller renders
     */
    private boolean answer(HttpServletRequest request, HttpServletResponse response, ClaimedRequest claimed)
            throws IOException {
        RequestFacts asked = facts.beforeRender(request);
        Lookup lookup = lookup(request);
        long deadline = 0;
        while (true) {
            long now = clock.millis();
            ServePolicy.Decision decision = servePolicy.decide(asked, lookup, now, claimed == null
                    || !claimed.mayCoalesce() ? ServePolicy.Renders.UNCOALESCED : ServePolicy.Renders.NONE_KNOWN);
            if (claimed != null && (decision.coalesce() || decision.action() == ServePolicy.Action.MISS)) {
                // asked only of a render, so that a hit never touches the coalescer
                decision = beforeRender(asked, lookup, now, claimed, decision);
            }
            ServePolicy.Action action = decision.action();
            if (action != ServePolicy.Action.FRESH) {
                lookup = lookup.notUsable();
            }
            if (claimed != null) {
                claimed.recordLookup(lookup, request, asked, !decision.renders() && action != ServePolicy.Action.WAIT);
            }
            switch (action) {
                case FRESH -> {
                    send(request, response, decision.page(), CacheStatus.HIT);
                    return true;
                }
                case STALE_WHILE_REVALIDATE -> {
                    send(request, response, decision.page(), CacheStatus.STALE);
                    return true;
                }
                case GATEWAY_TIMEOUT -> {
                    counters.misses.increment();
                    response.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT);
                    return true;
                }
                case BYPASS -> {
                    counters.bypasses.increment();
                    cacheStatus(response, CacheStatus.BYPASS);
                    return false;
                }
                case PASS -> {
                    return miss(response);
                }
                case MISS, REVALIDATE -> {
                    if (claimed != null && action == ServePolicy.Action.REVALIDATE) {
                        claimed.revalidate(decision.page());
                    }
                    return miss(response);
                }
                case WAIT -> {
                    if (deadline == 0) {
                        counters.coalescedWaits.increment();
                        deadline = System.nanoTime() + settings.lockTimeout().toNanos();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !coalescer.awaitRender(lookup.renderKey(), Duration.ofNanos(left))) {
                        claimed.renderUncached();
                        counters.refused(Refusal.LOCK_TIMEOUT);
                        return miss(response);
                    }
                    // the page the other request rendered, or (its Vary now known) the render of this variant
                    lookup = lookup(request);
                }
                default -> throw new IllegalStateException("not an answer to a lookup: " + action);
            }
        }
    }

    /**
     * A render, in the light of the page's last one: when that declared itself unstorable, this one may go straight
     * through; when it was not stored, this one renders side by side; else, if it may coalesce, this request claims
     * the render, or learns that another request is doing it.
     */
    private ServePolicy.Decision beforeRender(RequestFacts asked, Lookup lookup, long now, ClaimedRequest claimed,
                                              ServePolicy.Decision decision) {
        String renderKey = lookup.renderKey();
        RenderCoalescer.Refused refused = coalescer.recentRefusal(renderKey, now);
        if (refused != null && refused.declared()) {
            ServePolicy.Decision pass = servePolicy.decide(asked, lookup, now,
                    ServePolicy.Renders.DECLARED_UNSTORABLE);
            if (pass.action() == ServePolicy.Action.PASS) {
                claimed.pass();
            }
            return pass;
        }
        if (!decision.coalesce()) {
            return decision;
        }
        if (refused != null) {
            return servePolicy.decide(asked, lookup, now, ServePolicy.Renders.UNCOALESCED);
        }
        RenderCoalescer.Render render = coalescer.claim(renderKey);
        if (render == null) {
            return servePolicy.decide(asked, lookup, now, ServePolicy.Renders.IN_FLIGHT);
        }
        claimed.ownRender(render);
        return servePolicy.decide(asked, lookup, now, ServePolicy.Renders.NONE_KNOWN);
    }

    private boolean miss(HttpServletResponse response) {
        counters.misses.increment();
        cacheStatus(response, CacheStatus.MISS);
        return false;
    }

    private void send(HttpServletRequest request, HttpServletResponse response, StoredPage page, CacheStatus how)
            throws IOException {
        if (how == CacheStatus.STALE) {
            counters.staleServed.increment();
        } else {
            counters.hits.increment();
        }
        cacheStatus(response, how);
        if (responder.send(request, response, page) == 304 && how == CacheStatus.HIT) {
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

    /**
     * Renders through the chain (a revalidation when the lookup chose one) into a capture, then finishes: when the
     * chain returns, or, for a response produced asynchronously, when it completes. A render this request owns is
     * released once its outcome is known, also when an asynchronous one times out or fails.
     */
    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        ClaimedRequest claimed) throws IOException, ServletException {
        if (claimed.passes()) {
            count(request, claimed, Refusal.PASSED);
            chain.doFilter(request, response);
            return;
        }
        boolean async = false;
        try {
            RenderTokens tokens = new RenderTokens(store);
            claimed.collectTokens(tokens);
            request.setAttribute(RenderTokens.ATTRIBUTE, tokens);
            if (!settings.tokens().isEmpty()) {
                tokens.add(settings.tokens());
            }
            long requestTime = clock.millis();
            CapturingResponse capture = new CapturingResponse(response, settings.maxEntrySize(),
                    held -> bodyStarted(request, held, claimed), errorFallback(claimed, true) != null);
            StoredPage revalidating = claimed.revalidating();
            HttpServletRequest forwarded = revalidating == null ? request
                    : new RevalidationRequest(request, revalidating);
            AsyncCapture asyncCapture = new AsyncCapture(forwarded, capture,
                    storable -> finish(request, response, capture, claimed, requestTime, storable.getAsBoolean()),
                    () -> claimed.releaseRender(false, clock.millis()));
            try {
                chain.doFilter(asyncCapture, capture);
            } catch (IOException | ServletException | RuntimeException e) {
                StoredPage fallback = errorFallback(claimed, true);
                if (fallback != null && capture.abandon()) {
                    renderFailures.warn("page cache '" + store.cache().alias() + "': rendering "
                            + request.getRequestURI() + " failed; a stale page was sent instead", e);
                    count(request, claimed, Refusal.STATUS);
                    send(request, response, fallback, CacheStatus.STALE);
                    return;
                }
                count(request, claimed, Refusal.STATUS);
                throw e;
            }
            async = asyncCapture.isStarted();
            if (!async && request.isAsyncStarted()) {
                // started around the capture's request (an inner filter unwrapped it): its completion is not seen
                Refusal reason = capture.isHolding() ? Refusal.ASYNC : capture.passThroughReason();
                capture.streamFromNowOn(Refusal.ASYNC);
                count(request, claimed, reason);
                async = true;
            } else if (!async) {
                finish(request, response, capture, claimed, requestTime, true);
            }
        } finally {
            if (!async) {
                claimed.releaseRender(false, clock.millis());
            }
        }
    }

    /**
     * The stale page that may stand in for this render if it fails, or {@code null}.
     *
     * @param upstreamUnreachable whether the render failed without an answer from upstream
     */
    private StoredPage errorFallback(ClaimedRequest claimed, boolean upstreamUnreachable) {
        Lookup lookup = claimed.lastLookup();
        return lookup == null ? null : servePolicy.onRenderFailure(claimed.lookupFacts(), lookup, clock.millis(),
                upstreamUnreachable);
    }

    /**
     * At the application's first write or a flush: stream at once if nothing will be stored, or if the response is
     * refused already and needs no patching, unless it is a server error that a stale page may yet replace.
     */
    private void bodyStarted(HttpServletRequest request, CapturingResponse response, ClaimedRequest claimed)
            throws IOException {
        if (claimed.miss() == null) {
            response.stopHolding(null);
            return;
        }
        if (response.getStatus() >= 500 && errorFallback(claimed, false) != null) {
            return;
        }
        Refusal refusal = storePolicy.refusalBeforeBody(facts.afterRender(claimed.keyRequest(request)),
                facts.response(response), clock.millis());
        if (refusal != null) {
            response.stopHolding(refusal);
        }
    }

    /**
     * Completes the response: stores it if the policy (and, for an asynchronous one, its outcome) allows, then sends
     * it; or sends a stale page in place of a server error, or the stored page a revalidation freshened. Storing
     * comes first, and lets the requests waiting for this render go on: they find the page in the store, and the
     * container may complete the response as soon as its {@code Content-Length} is written.
     *
     * @param storable whether an asynchronous response completed normally (not timed out or failed)
     */
    private void finish(HttpServletRequest request, HttpServletResponse response, CapturingResponse capture,
                        ClaimedRequest claimed, long requestTime, boolean storable) throws IOException {
        capture.flushWriter();
        Lookup miss = claimed.miss();
        // a proxy servlet that cannot reach its upstream answers with sendError(502 or 504) of its own
        boolean unreachable = capture.deferredError() == 502 || capture.deferredError() == 504;
        StoredPage fallback = capture.getStatus() >= 500 ? errorFallback(claimed, unreachable) : null;
        if (fallback != null && capture.abandon()) {
            count(request, claimed, Refusal.STATUS);
            claimed.releaseRender(false, clock.millis());
            send(request, response, fallback, CacheStatus.STALE);
            return;
        }
        if (capture.deferredError() != 0) {
            count(request, claimed, Refusal.STATUS);
            claimed.releaseRender(false, clock.millis());
            capture.sendDeferredError();
            return;
        }
        boolean stored = false;
        boolean declared = false;
        if (miss != null) {
            HttpServletRequest keyRequest = claimed.keyRequest(request);
            ResponseFacts produced = facts.response(capture);
            long now = clock.millis();
            StoredPage revalidated = claimed.revalidating();
            if (revalidated != null && produced.status() == 304 && produced.body() == ResponseFacts.Body.HELD) {
                StoredPage freshened = storePolicy.freshened(revalidated, produced, headerLines(capture),
                        requestTime, now);
                if (freshened != null) {
                    stored = storable && store(keyRequest, miss, freshened, freshened.headerValues("Vary"));
                }
                // a 304 naming another strong validator leaves the entry as it was: the client, who did not ask
                // for that 304, gets the entry it has (its own preconditions evaluated on it), never a bare 304
                StoredPage answer = freshened != null ? freshened : revalidated;
                // cookies the 304 sets are for this client (never stored): they survive the reset
                List<String> cookies = List.copyOf(capture.getHeaders("Set-Cookie"));
                if (capture.abandon()) {
                    cookies.forEach(cookie -> response.addHeader("Set-Cookie", cookie));
                    claimed.releaseRender(stored, clock.millis());
                    send(request, response, answer, CacheStatus.HIT);
                    return;
                }
            }
            StorePolicy.Decision decision = storePolicy.decide(facts.afterRender(keyRequest), produced,
                    claimed.tokens().unreadable(), now);
            if (decision.patchHeaders()) {
                patchResponseHeaders(capture, decision.lifetimeSeconds());
            }
            if (decision.store() && storable) {
                StoredPage page = storePolicy.page(produced, decision, headerLines(capture), capture.body(),
                        claimed.tokens().stamp(), requestTime, now);
                if (decision.patchHeaders()) {
                    labelAsStored(capture, page);
                }
                stored = store(keyRequest, miss, page, produced.vary().names());
            } else {
                count(request, claimed, decision.refusal());
                declared = decision.declaresUnstorable();
            }
        }
        // waiters can be answered from the store now, before this response's bytes go out
        claimed.releaseRender(stored, clock.millis());
        if (declared) {
            coalescer.remember(miss.renderKey(), false, true, clock.millis());
        }
        capture.complete();
    }

    /**
     * Where headers are patched (origin mode): the response that stores a page carries that page's {@code ETag} and
     * {@code Vary}.
     */
    private static void labelAsStored(HttpServletResponse response, StoredPage page) {
        if (!response.containsHeader("ETag")) {
            response.setHeader("ETag", page.etag());
        }
        if (page.gzipped()) {
            ResponseHeaders.patchVaryHeaders(response, List.of("Accept-Encoding"));
        }
    }

    private List<String[]> headerLines(HttpServletResponse response) {
        return ServletFacts.headerLines(response, settings.cacheStatusHeader() ? CACHE_STATUS_HEADER : null);
    }

    private boolean store(HttpServletRequest keyRequest, Lookup miss, StoredPage page, List<String> varyNames) {
        PageStore.StoreFailure failure = store.store(miss, keyRequest::getHeaders, varyNames, page,
                storePolicy.retention(page));
        if (failure == null) {
            counters.stores.increment();
            counters.bytesStored.add(page.storedLength());
            return true;
        }
        count(keyRequest, null, failure == PageStore.StoreFailure.INVALIDATED ? Refusal.INVALIDATED
                : Refusal.BACKEND_FAILURE);
        return false;
    }

    /** Counts a refusal of a response to a miss (nothing when the render was not to be stored anyway). */
    private void count(HttpServletRequest request, ClaimedRequest claimed, Refusal refusal) {
        if (refusal == null || claimed != null && claimed.miss() == null) {
            return;
        }
        counters.refused(refusal);
        if (LOG.isDebugEnabled()) {
            LOG.debug("not stored ({}): {} {}", refusal, request.getMethod(), request.getRequestURI());
        }
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
        ResponseHeaders.patchResponseHeaders(response, Duration.ofSeconds(maxAge), clock);
    }
}
