package dev.webcache.page;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page-cache engine for one configuration, shared by {@code CacheFilter}, {@code UpdateCacheFilter},
 * {@code FetchFromCacheFilter} and {@code @CachePage}: {@link #cache} does both halves, {@link #update} the
 * response half (outermost, it sees every header inner filters add), {@link #fetch} the request half (innermost,
 * after the filters that shape the request). Only REQUEST dispatches of GET and HEAD are considered.
 */
public final class PageCaching {
    private static final Logger LOG = LoggerFactory.getLogger(PageCaching.class);
    private final PageCache pageCache;
    private final PageCacheSettings settings;
    private final StorePolicy policy;
    /** The shared-mode request flow; {@code null} in origin mode. */
    private final SharedCaching shared;

    /**
     * An engine storing into the page cache of the settings' cache and key prefix.
     *
     * @throws dev.webcache.cache.InvalidCacheBackendException if the cache alias is not configured
     * @throws IllegalStateException if webcache has not started in {@code context}
     */
    public PageCaching(ServletContext context, PageCacheSettings settings) {
        this.pageCache = PageCache.from(context, settings.cacheAlias(), settings.keyPrefix());
        this.settings = settings;
        this.policy = new StorePolicy(settings.mode(), settings.heuristicLimit(), pageCache.clock());
        this.shared = settings.mode() == PageCacheMode.SHARED ? new SharedCaching(pageCache, settings, policy) : null;
    }

    public PageCache pageCache() {
        return pageCache;
    }

    /** Both halves: answers from a stored page, or renders through {@code chain} and stores what may be stored. */
    public void cache(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (shared != null) {
            if (isClaimable(request)) {
                shared.cache(request, response, chain, claim(request));
            } else {
                shared.passThrough(request, response, chain);
            }
            return;
        }
        if (!isClaimable(request)) {
            chain.doFilter(request, response);
            return;
        }
        PageCache.Lookup lookup = pageCache.lookup(request);
        if (lookup.isHit()) {
            pageCache.serve(request, response, lookup.page());
            return;
        }
        PageRequest state = claim(request);
        state.recordLookup(lookup);
        render(request, response, chain, state);
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
            chain.doFilter(request, response);
            return;
        }
        PageRequest state = (PageRequest) request.getAttribute(PageRequest.ATTRIBUTE);
        if (state != null && (state.lookedUp() || state.owner().pageCache != pageCache)) {
            chain.doFilter(request, response);
            return;
        }
        if (!serveOrRecordMiss(request, response, state)) {
            chain.doFilter(request, response);
        }
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

    /** Looks up; on a hit answers and returns {@code true}; on a miss records it in {@code state} (if any). */
    private boolean serveOrRecordMiss(HttpServletRequest request, HttpServletResponse response, PageRequest state)
            throws IOException {
        PageCache.Lookup lookup = pageCache.lookup(request);
        if (state != null) {
            state.recordLookup(lookup);
        }
        if (lookup.isHit()) {
            pageCache.serve(request, response, lookup.page());
            return true;
        }
        return false;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        PageRequest state) throws IOException, ServletException {
        CapturingResponse capture = new CapturingResponse(response, settings.maxEntrySize(),
                () -> state.miss() != null, held -> earlyRefusal(request, held));
        try {
            chain.doFilter(request, capture);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            // the body held is dropped, as the container drops its own buffer to send its error page
            if (state.miss() != null) {
                pageCache.countRefusal(Refusal.STATUS);
            }
            throw e;
        }
        finish(request, capture, state);
    }

    /** At a first write or a flush: stream at once if the response is refused already and needs no patching. */
    private Refusal earlyRefusal(HttpServletRequest request, CapturingResponse response) {
        StorePolicy.Decision decision = policy.decide(request, response, response.setsCookie(),
                settings.pageTimeout(), settings.defaultTimeout());
        return decision.patchHeaders() ? null : decision.refusal();
    }

    private void finish(HttpServletRequest request, CapturingResponse capture, PageRequest state)
            throws IOException {
        PageCache.Lookup miss = state.miss();
        if (request.isAsyncStarted()) {
            Refusal reason = capture.isHolding() ? Refusal.ASYNC : capture.passThroughReason();
            capture.streamFromNowOn(Refusal.ASYNC);
            count(request, miss, reason);
            return;
        }
        capture.flushWriter();
        if (miss != null) {
            Refusal refusal;
            if (!capture.isHolding()) {
                refusal = capture.passThroughReason();
            } else if (capture.isCommitted()) {
                refusal = Refusal.COMMITTED;
            } else {
                refusal = decideAndStore(request, capture, miss);
            }
            count(request, miss, refusal);
        }
        capture.complete();
    }

    private void count(HttpServletRequest request, PageCache.Lookup miss, Refusal refusal) {
        if (miss != null && refusal != null) {
            pageCache.countRefusal(refusal);
            if (LOG.isDebugEnabled()) {
                LOG.debug("not stored ({}): {} {}", refusal, request.getMethod(), request.getRequestURI());
            }
        }
    }

    private Refusal decideAndStore(HttpServletRequest request, CapturingResponse response, PageCache.Lookup miss) {
        StorePolicy.Decision decision = policy.decide(request, response, response.setsCookie(),
                settings.pageTimeout(), settings.defaultTimeout());
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
        if (refusal != null) {
            return refusal;
        }
        long lifetimeMillis = Math.multiplyExact(Math.min(decision.lifetimeSeconds(), Long.MAX_VALUE / 1000), 1000);
        StoredPage page = StoredPage.of(response.getStatus(), headers(response), response.body(),
                pageCache.clock().millis(), lifetimeMillis);
        if (!response.containsHeader("ETag")) {
            response.setHeader("ETag", page.etag());
        }
        List<String> varyNames = VaryHeaders.parse(response.getHeaders("Vary")).names();
        return pageCache.store(miss, request, varyNames, page, Duration.ofMillis(lifetimeMillis));
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

    /** The response's header lines in order, {@code Content-Type} included even where the container keeps it apart. */
    static List<String[]> headers(HttpServletResponse response) {
        List<String[]> lines = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
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
