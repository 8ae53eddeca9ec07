package dev.webcache.page.engine;

import dev.webcache.page.store.Lookup;
import dev.webcache.page.store.RenderTokens;
import dev.webcache.page.store.StoredPage;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request a page-cache configuration has claimed, and what its filters tell each other, as a request attribute
 * (Django's {@code request._cache_update_cache}). The outermost update half claims the request; a fetch half of the
 * same page cache records its lookup; the update half stores only if that lookup missed. So an update half alone
 * never stores, a fetch half alone only serves hits, and a second page-cache configuration on the same request (the
 * site-wide filter and {@code @CachePage}, Django #25782) passes through instead of storing twice. It also holds the
 * render this request does for every request of its page ({@link RenderCoalescer}), the page it revalidates, and the
 * tokens the page is rendered under.
 */
final class ClaimedRequest {
    static final String ATTRIBUTE = ClaimedRequest.class.getName();

    private final PageEngine owner;
    private RenderTokens tokens;
    private boolean lookedUp;
    private HttpServletRequest keyRequest;
    private RequestFacts lookupFacts;
    private Lookup lookup;
    private boolean answered;
    private boolean storable = true;
    private StoredPage revalidating;
    private RenderCoalescer.Render render;
    private boolean passes;

    ClaimedRequest(PageEngine owner) {
        this.owner = owner;
    }

    PageEngine owner() {
        return owner;
    }

    boolean lookedUp() {
        return lookedUp;
    }

    /**
     * Records a lookup made for {@code request}: the request as the filters before the lookup shaped it (a filter
     * pair's inner filters may wrap it), which the store then keys and judges on, and its facts at the lookup.
     *
     * @param answered whether the lookup answered the request (nothing is rendered to store)
     */
    void recordLookup(Lookup result, HttpServletRequest request, RequestFacts facts, boolean answered) {
        lookedUp = true;
        keyRequest = request;
        lookupFacts = facts;
        lookup = result;
        this.answered = answered;
    }

    /** The lookup that missed, which a store completes; {@code null} when none ran, it answered, or none may store. */
    Lookup miss() {
        return storable && !answered ? lookup : null;
    }

    /** The last lookup, even when its render may not be stored (a stale page in it can still stand in). */
    Lookup lastLookup() {
        return lookup;
    }

    /** The request the lookup was made for, or {@code fallback} when none was. */
    HttpServletRequest keyRequest(HttpServletRequest fallback) {
        return keyRequest == null ? fallback : keyRequest;
    }

    /** The request's facts at its last lookup ({@code null} when none ran). */
    RequestFacts lookupFacts() {
        return lookupFacts;
    }

    /** This request renders without storing (it gave up waiting for another render of its page). */
    void renderUncached() {
        storable = false;
    }

    /** This request's render revalidates {@code page} (a conditional request down the chain). */
    void revalidate(StoredPage page) {
        revalidating = page;
    }

    StoredPage revalidating() {
        return revalidating;
    }

    /** This request renders straight through, not captured: the page's last render declared itself unstorable. */
    void pass() {
        passes = true;
    }

    boolean passes() {
        return passes;
    }

    /** Whether its render may coalesce with other requests of its page: what it renders can still be stored. */
    boolean mayCoalesce() {
        return storable;
    }

    void ownRender(RenderCoalescer.Render claimed) {
        render = claimed;
    }

    /** Lets the requests waiting for this request's render go on; does nothing when it owns none (any more). */
    synchronized void releaseRender(boolean stored, long nowMillis) {
        if (render != null) {
            render.release(stored, nowMillis);
            render = null;
        }
    }

    /** The tokens of the page being rendered, collected from here on (also by {@code PageTokens}). */
    RenderTokens tokens() {
        return tokens;
    }

    void collectTokens(RenderTokens renderTokens) {
        tokens = renderTokens;
    }
}
