package dev.webcache.page;

import dev.webcache.http.CacheControl;
import dev.webcache.http.EntityTag;
import dev.webcache.http.Freshness;
import dev.webcache.http.RequestDirectives;
import dev.webcache.http.ResponseAge;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow of {@link PageCacheMode#SHARED shared} mode, on the engine's parts (page cache, store policy,
 * capture): a stored page answers when the request's directives accept its age (RFC 9111 section 4.2), else it is
 * revalidated through the chain when it has a validator (4.3), else the chain renders; {@code only-if-cached} gets
 * 504 instead of reaching the chain. Concurrent requests for one page wait for a single render or revalidation
 * ({@code lock-timeout}, as in origin mode). Responses produced asynchronously are stored on completion; unsafe methods
 * invalidate (4.4).
 */
final class SharedCaching {
    /**
     * How long a stale page stays in the backend past its freshness lifetime, to be revalidated or served to
     * requests whose {@code max-stale} accepts it.
     */
    static final Duration STALE_KEPT = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SharedCaching.class);

    private final PageCaching engine;
    private final PageCache pageCache;
    private final PageCacheSettings settings;
    private final StorePolicy policy;
    private final PageCacheCounters counters;
    private final UnsafeMethodInvalidation invalidation;

    SharedCaching(PageCaching engine, PageCache pageCache, PageCacheSettings settings, StorePolicy policy,
                  PageCacheCounters counters) {
        this.engine = engine;
        this.counters = counters;
        this.pageCache = pageCache;
        this.settings = settings;
        this.policy = policy;
        this.invalidation = new UnsafeMethodInvalidation(pageCache);
    }

    /** Passes a request the cache does not answer, invalidating after a successful unsafe method. */
    void passThrough(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UnsafeMethodInvalidation.appliesTo(request)) {
            invalidation.around(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Answers a claimed GET or HEAD, as a stored page, a revalidated one, or a rendered one. */
    void cache(HttpServletRequest request, HttpServletResponse response, FilterChain chain, PageRequest state)
            throws IOException, ServletException {
        RequestDirectives directives = RequestDirectives.of(lines(request.getHeaders("Cache-Control")),
                lines(request.getHeaders("Pragma")));
        PageCache.Lookup lookup = pageCache.lookup(request);
        boolean mayWait = true;
        while (true) {
            StoredPage page = lookup.page();
            if (page != null) {
                long age = page.ageSeconds(pageCache.clock().millis());
                RequestDirectives.Use use = directives.use(new Freshness(page.freshMillis() / 1000, true), age,
                        page.servableStale());
                if (use != RequestDirectives.Use.VALIDATE) {
                    state.recordLookup(lookup, request, RequestIdentity.ANONYMOUS);
                    counters.hits.increment();
                    if (pageCache.serve(request, response, page) == 304) {
                        counters.notModified.increment();
                    }
                    return;
                }
                // fresh, but not for this request: what the chain answers replaces it
                lookup = lookup.notUsable();
            }
            state.recordLookup(lookup, request, RequestIdentity.ANONYMOUS);
            if (directives.onlyIfCached()) {
                counters.misses.increment();
                response.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT);
                return;
            }
            if (!mayWait || !awaitedOtherRender(request, lookup, state)) {
                break;
            }
            // the page the other request stored (or revalidated): usable now, unless this request's directives say no
            lookup = pageCache.lookup(request);
            mayWait = false;
        }
        counters.misses.increment();
        StoredPage page = lookup.page();
        render(request, response, chain, state, page != null && page.hasValidator() ? page : null);
    }

    /**
     * Request coalescing (as in origin mode, {@code lock-timeout}): claims the render of this page, or waits for the
     * one in flight. Returns whether it waited for one that finished, so the caller should look again.
     */
    private boolean awaitedOtherRender(HttpServletRequest request, PageCache.Lookup lookup, PageRequest state) {
        RenderCoalescer coalescer = pageCache.coalescer();
        String renderKey = lookup.renderKey();
        if (lookup.backendFailed() || settings.lockTimeout().isZero() || "HEAD".equals(request.getMethod())
                || coalescer.isUncoalesced(renderKey, pageCache.clock().millis())) {
            return false;
        }
        RenderCoalescer.Render render = coalescer.claim(renderKey);
        if (render != null) {
            state.ownRender(render);
            return false;
        }
        counters.coalescedWaits.increment();
        if (!coalescer.awaitRender(renderKey, settings.lockTimeout())) {
            state.renderUncached();
            counters.refused(Refusal.LOCK_TIMEOUT);
            return false;
        }
        return true;
    }

    /**
     * Renders through the chain (a revalidation when {@code revalidating} is given). A render this request owns is
     * released once its outcome is known: when the chain returns, or, asynchronously, when it completes, times out
     * or fails.
     */
    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                        PageRequest state, StoredPage revalidating) throws IOException, ServletException {
        AtomicBoolean released = new AtomicBoolean();
        Consumer<Boolean> release = stored -> {
            if (released.compareAndSet(false, true)) {
                state.releaseRender(stored, pageCache.clock().millis());
            }
        };
        boolean async = false;
        try {
            long requestTime = pageCache.clock().millis();
            CapturingResponse capture = new CapturingResponse(response, settings.maxEntrySize(),
                    () -> state.miss() != null, held -> policy.decide(request, held, held.setsCookie(),
                            RequestIdentity.afterRender(request), settings).refusal(), () -> false);
            HttpServletRequest forwarded = revalidating == null ? request : new RevalidationRequest(request,
                    revalidating);
            AsyncCapture asyncCapture = new AsyncCapture(forwarded, capture, storable -> release.accept(
                    finish(request, response, capture, state, revalidating, requestTime, storable)),
                    () -> release.accept(false));
            try {
                chain.doFilter(asyncCapture, capture);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                if (state.miss() != null) {
                    counters.refused(Refusal.STATUS);
                }
                throw e;
            }
            async = asyncCapture.isStarted();
            if (!async) {
                release.accept(finish(request, response, capture, state, revalidating, requestTime, () -> true));
            }
        } finally {
            if (!async) {
                release.accept(false);
            }
        }
    }

    /**
     * Stores what may be stored (when {@code storable} agrees), then sends the response. Storing comes first: the
     * container may complete the response as soon as its {@code Content-Length} is written. Returns whether stored.
     */
    private boolean finish(HttpServletRequest request, HttpServletResponse response, CapturingResponse capture,
                           PageRequest state, StoredPage revalidating, long requestTime,
                           BooleanSupplier storable) throws IOException {
        capture.flushWriter();
        PageCache.Lookup miss = state.miss();
        if (miss == null) {
            capture.complete();
            return false;
        }
        if (!capture.isHolding()) {
            count(request, capture.passThroughReason());
            capture.complete();
            return false;
        }
        if (capture.isCommitted()) {
            count(request, Refusal.COMMITTED);
            capture.complete();
            return false;
        }
        if (revalidating != null && capture.getStatus() == 304) {
            StoredPage freshened = freshen(revalidating, capture, requestTime);
            if (freshened != null) {
                boolean stored = storable.getAsBoolean()
                        && store(request, miss, freshened, freshened.headerValues("Vary"));
                // cookies the 304 sets are for this client (never stored): they survive the reset
                List<String> cookies = List.copyOf(capture.getHeaders("Set-Cookie"));
                if (capture.abandon()) {
                    cookies.forEach(cookie -> response.addHeader("Set-Cookie", cookie));
                    counters.hits.increment();
                    pageCache.serve(request, response, freshened);
                    return stored;
                }
            }
        }
        StorePolicy.Decision decision = policy.decide(request, capture, capture.setsCookie(),
                RequestIdentity.afterRender(request), settings);
        Refusal refusal = decision.refusal();
        if (refusal == null && "HEAD".equals(request.getMethod())) {
            refusal = Refusal.HEAD;
        }
        if (refusal == null && capture.lengthMismatch()) {
            refusal = Refusal.CONTENT_LENGTH_MISMATCH;
        }
        boolean stored = false;
        if (refusal == null && storable.getAsBoolean()) {
            stored = store(request, miss, received(capture, requestTime, decision.lifetimeSeconds()),
                    List.copyOf(capture.getHeaders("Vary")));
        } else {
            count(request, refusal);
        }
        capture.complete();
        return stored;
    }

    /** The page for a response as received: freshness and age from its own headers. */
    private StoredPage received(CapturingResponse response, long requestTime, long lifetime) {
        long now = pageCache.clock().millis();
        CacheControl cacheControl = policy.cacheControl(response);
        ResponseAge age = ResponseAge.of(joined(response.getHeaders("Age")), response.getHeader("Date"),
                requestTime, now);
        return StoredPage.shared(response.getStatus(), engine.headers(response), response.body(), now,
                lifetime * 1000, age.correctedInitialAgeSeconds(), StorePolicy.servableStale(cacheControl));
    }

    /**
     * The stored page freshened by the chain's 304 (RFC 9111 section 4.3.4), or {@code null} when the 304 names a
     * different strong validator, which must not update it.
     */
    private StoredPage freshen(StoredPage stored, CapturingResponse notModified, long requestTime) {
        Optional<EntityTag> etag = EntityTag.parse(notModified.getHeader("ETag"));
        if (etag.isPresent() && !etag.get().weak() && (stored.parsedEtag(false) == null
                || !etag.get().strongMatches(stored.parsedEtag(false)))) {
            return null;
        }
        long now = pageCache.clock().millis();
        StoredPage merged = stored.refreshed(engine.headers(notModified), now, 0, 0, false);
        CacheControl cacheControl = CacheControl.parse(merged.headerValues("Cache-Control"));
        String date = first(merged.headerValues("Date"));
        Freshness freshness = Freshness.explicit(cacheControl, merged.headerValues("Expires"), date, now)
                .orElseGet(() -> Freshness.heuristic(stored.lastModified(), date, now,
                        settings.heuristicLimit().getSeconds()));
        long lifetime = cacheControl.noCache() ? 0 : freshness.lifetimeSeconds();
        ResponseAge age = ResponseAge.of(joined(notModified.getHeaders("Age")), date, requestTime, now);
        return stored.refreshed(engine.headers(notModified), now, lifetime * 1000,
                age.correctedInitialAgeSeconds(), StorePolicy.servableStale(cacheControl));
    }

    private boolean store(HttpServletRequest request, PageCache.Lookup miss, StoredPage page,
                          List<String> varyLines) {
        List<String> varyNames = VaryHeaders.parse(varyLines).names();
        Duration ttl = Duration.ofMillis(page.freshMillis()).plus(STALE_KEPT);
        Refusal refusal = pageCache.store(miss, request, varyNames, page, ttl);
        if (refusal == null) {
            counters.stores.increment();
            counters.bytesStored.add(page.storedLength());
        }
        count(request, refusal);
        return refusal == null;
    }

    private void count(HttpServletRequest request, Refusal refusal) {
        if (refusal != null) {
            counters.refused(refusal);
            if (LOG.isDebugEnabled()) {
                LOG.debug("not stored ({}): {} {}", refusal, request.getMethod(), request.getRequestURI());
            }
        }
    }

    private static List<String> lines(Enumeration<String> lines) {
        return lines == null ? List.of() : Collections.list(lines);
    }

    private static String joined(Collection<String> lines) {
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
