package dev.webcache.page.engine;

import dev.webcache.http.Freshness;
import dev.webcache.http.RequestDirectives;
import dev.webcache.page.PageCacheMode;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.store.Lookup;
import dev.webcache.page.store.StoredPage;

/**
 * The one place that decides what a looked-up request gets, for every mode: a pure function of a {@link RequestFacts}
 * snapshot, the {@link Lookup}, the time and what is known of other renders of the page. In this order:
 * <ol>
 * <li>a stored page that may be sent to this request's user (the identity rule, origin mode) and is fresh for it
 * is served ({@link Action#FRESH}); in shared mode "fresh for it" is what the request's directives accept
 * ({@code max-age}, {@code min-fresh}, {@code max-stale}, {@code no-cache}, RFC 9111 section 4.2);</li>
 * <li>shared mode, {@code only-if-cached}: 504 ({@link Action#GATEWAY_TIMEOUT});</li>
 * <li>a backend that failed: the page renders uncached ({@link Action#BYPASS});</li>
 * <li>otherwise it renders: as a conditional request to revalidate a stored page with a validator (shared mode,
 * {@link Action#REVALIDATE}), else whole ({@link Action#MISS}). Renders of one page coalesce (both modes, within
 * {@code lock-timeout}) unless the request is HEAD, may not share a page with others (its user's variant is its
 * own), or nothing it renders can be stored; when another request is rendering the page, a stale page within its
 * {@code stale-while-revalidate} window is sent ({@link Action#STALE_WHILE_REVALIDATE}), else the request waits
 * ({@link Action#WAIT}). A page whose last render declared itself unstorable, with nothing stored, renders
 * straight through ({@link Action#PASS}).</li>
 * </ol>
 * When a render fails, {@link #onRenderFailure} decides whether a stale page stands in ({@code stale-if-error}, or
 * in shared mode an unreachable upstream).
 */
final class ServePolicy {
    private final PageCacheSettings settings;

    ServePolicy(PageCacheSettings settings) {
        this.settings = settings;
    }

    /** What is known of the renders of the page, as far as this request may coalesce with them. */
    enum Renders {
        /** This request may not coalesce: nothing it renders can be stored, or the page's last render was not. */
        UNCOALESCED,
        /** No other request is known to render the page: this one may claim the render. */
        NONE_KNOWN,
        /** Another request is rendering the page now. */
        IN_FLIGHT,
        /**
         * The page's last render declared itself unstorable a moment ago
         * ({@link StorePolicy.Decision#declaresUnstorable}): without a stored page to fall back on, this one renders
         * straight through.
         */
        DECLARED_UNSTORABLE
    }

    /** What a request gets. */
    enum Action {
        /** The stored page, fresh (for this request's directives). */
        FRESH,
        /** The stale stored page, while another request renders its successor. */
        STALE_WHILE_REVALIDATE,
        /** Wait for the render another request does, then look again. */
        WAIT,
        /** Render through a conditional request that revalidates the stored page. */
        REVALIDATE,
        /** Render. */
        MISS,
        /**
         * Render straight through, not captured: the page's last render declared itself unstorable, and no stored
         * page could stand in for a failure (Varnish's hit-for-pass).
         */
        PASS,
        /** Render, uncached: the backend failed. */
        BYPASS,
        /** 504 Gateway Timeout: {@code only-if-cached} and nothing fit to send. */
        GATEWAY_TIMEOUT
    }

    /**
     * A decision.
     *
     * @param action   what the request gets
     * @param page     the page sent ({@code FRESH}, stale ones) or revalidated ({@code REVALIDATE}); else {@code null}
     * @param coalesce for a render: whether it is claimed for every request of the page (a failed claim means
     *                 another request renders it: decide again with {@link Renders#IN_FLIGHT})
     */
    record Decision(Action action, StoredPage page, boolean coalesce) {
        boolean renders() {
            return action == Action.MISS || action == Action.REVALIDATE || action == Action.BYPASS
                    || action == Action.PASS;
        }
    }

    /**
     * @param renders what is known of other renders of this page
     */
    Decision decide(RequestFacts request, Lookup lookup, long nowMillis, Renders renders) {
        RequestIdentity identity = servingIdentity(request);
        StoredPage page = lookup.page();
        boolean sendable = page != null && mayReceive(identity, page, lookup);
        if (sendable && isFreshFor(request, lookup, nowMillis)) {
            return new Decision(Action.FRESH, page, false);
        }
        if (settings.mode() == PageCacheMode.SHARED && request.directives().onlyIfCached()) {
            return new Decision(Action.GATEWAY_TIMEOUT, null, false);
        }
        if (lookup.backendFailed()) {
            return new Decision(Action.BYPASS, null, false);
        }
        if (renders == Renders.DECLARED_UNSTORABLE && page == null) {
            return new Decision(Action.PASS, null, false);
        }
        boolean coalesce = (renders == Renders.NONE_KNOWN || renders == Renders.IN_FLIGHT)
                && !settings.lockTimeout().isZero() && !request.isHead()
                && identity.mayShare(false, lookup.varyNames());
        if (coalesce && renders == Renders.IN_FLIGHT) {
            return sendable && page.isServableWhileRevalidating(nowMillis)
                    ? new Decision(Action.STALE_WHILE_REVALIDATE, page, false)
                    : new Decision(Action.WAIT, null, false);
        }
        if (settings.mode() == PageCacheMode.SHARED && sendable && page.hasValidator()) {
            return new Decision(Action.REVALIDATE, page, coalesce);
        }
        return new Decision(Action.MISS, null, coalesce);
    }

    /**
     * The stale page that may stand in for a render that failed, or {@code null}: one within its
     * {@code stale-if-error} window; in shared mode also, when the upstream could not be reached at all (the chain
     * threw, or answered with its own {@code sendError} of 502 or 504, as a proxy servlet does), any stored page that
     * may be served stale (RFC 9111 section 4.2.4: a disconnected cache; never for {@code must-revalidate},
     * {@code proxy-revalidate}, {@code s-maxage} or {@code no-cache}).
     *
     * @param upstreamUnreachable whether the render failed without an answer from upstream
     */
    StoredPage onRenderFailure(RequestFacts request, Lookup lookup, long nowMillis, boolean upstreamUnreachable) {
        StoredPage page = lookup == null ? null : lookup.page();
        if (page == null || !mayReceive(servingIdentity(request), page, lookup)) {
            return null;
        }
        boolean disconnected = upstreamUnreachable && settings.mode() == PageCacheMode.SHARED && page.servableStale();
        return disconnected || page.isServableOnError(nowMillis) ? page : null;
    }

    /**
     * The identity that decides which pages a request may get: in shared mode a stored response was judged for
     * sharing when it was stored (RFC 9111 section 3.5), so any request may get it.
     */
    private RequestIdentity servingIdentity(RequestFacts request) {
        return settings.mode() == PageCacheMode.SHARED ? RequestIdentity.ANONYMOUS : request.identity();
    }

    /** The identity rule ({@link RequestIdentity}) for a stored page. */
    private static boolean mayReceive(RequestIdentity identity, StoredPage page, Lookup lookup) {
        return identity.isAnonymous() || identity.mayShare(page.declaredShareable(), lookup.varyNames());
    }

    private boolean isFreshFor(RequestFacts request, Lookup lookup, long nowMillis) {
        if (settings.mode() == PageCacheMode.ORIGIN) {
            return lookup.fresh();
        }
        StoredPage page = lookup.page();
        RequestDirectives.Use use = request.directives().use(new Freshness(page.freshMillis() / 1000, true),
                page.ageSeconds(nowMillis), page.servableStale());
        return use != RequestDirectives.Use.VALIDATE;
    }
}
