package dev.webcache.page;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the page-cache filters of one request tell each other, as a request attribute (Django's
 * {@code request._cache_update_cache}). The outermost update half claims the request; a fetch half of the same
 * page cache records its lookup; the update half stores only if that lookup missed. So an update half alone never
 * stores, a fetch half alone only serves hits, and a second page-cache configuration on the same request (the
 * site-wide filter and {@code @CachePage}, Django #25782) passes through instead of storing twice. It also holds the
 * render this request does for every request of its page ({@link RenderCoalescer}), and the tokens the page is
 * rendered under.
 */
final class PageRequest {
    static final String ATTRIBUTE = PageRequest.class.getName();

    private final PageCaching owner;
    private boolean lookedUp;
    private HttpServletRequest keyRequest;
    private RequestIdentity identity = RequestIdentity.ANONYMOUS;
    private PageCache.Lookup miss;
    private boolean storable = true;
    private RenderCoalescer.Render render;
    private final Set<String> tokens = new LinkedHashSet<>();
    private long tokenSum;
    private boolean tokensUnreadable;

    PageRequest(PageCaching owner) {
        this.owner = owner;
    }

    PageCaching owner() {
        return owner;
    }

    boolean lookedUp() {
        return lookedUp;
    }

    /** The lookup that missed, which a store completes; {@code null} after a hit, or when none ran or may store. */
    PageCache.Lookup miss() {
        return storable ? miss : null;
    }

    /** The lookup that missed, even when its render may not be stored (a stale page in it can still stand in). */
    PageCache.Lookup lastLookup() {
        return miss;
    }

    /**
     * Records a lookup made for {@code request}: the request as the filters before the lookup shaped it (a filter
     * pair's inner filters may wrap it), which the store then keys and judges on, and the identity it carried.
     */
    void recordLookup(PageCache.Lookup lookup, HttpServletRequest request, RequestIdentity lookupIdentity) {
        lookedUp = true;
        keyRequest = request;
        identity = lookupIdentity;
        miss = lookup.isHit() ? null : lookup;
    }

    /** The request the lookup was made for, or {@code fallback} when none was. */
    HttpServletRequest keyRequest(HttpServletRequest fallback) {
        return keyRequest == null ? fallback : keyRequest;
    }

    /** The identity the looked-up request carried. */
    RequestIdentity identity() {
        return identity;
    }

    /** This request renders without storing (it gave up waiting for another render of its page). */
    void renderUncached() {
        storable = false;
    }

    void ownRender(RenderCoalescer.Render claimed) {
        render = claimed;
    }

    /** Lets the requests waiting for this request's render go on; does nothing when it owns none. */
    void releaseRender(boolean stored, long nowMillis) {
        if (render != null) {
            render.release(stored, nowMillis);
            render = null;
        }
    }

    /** Adds tokens, with the sum of the counters of those new to this page read now (or the read failed). */
    void addTokens(List<String> newTokens, PageCache pageCache) {
        List<String> added = new ArrayList<>();
        for (String token : newTokens) {
            if (tokens.add(token)) {
                added.add(token);
            }
        }
        if (added.isEmpty() || tokensUnreadable) {
            return;
        }
        try {
            tokenSum += pageCache.tokenCounters().sum(added);
        } catch (RuntimeException e) {
            tokensUnreadable = true;
            pageCache.backendFailed("reading token counters failed; the page is served uncached", e);
        }
    }

    /** Whether a token counter could not be read: a page stored now could never be invalidated by its tokens. */
    boolean tokensUnreadable() {
        return tokensUnreadable;
    }

    TokenStamp tokenStamp() {
        return tokens.isEmpty() ? TokenStamp.NONE : new TokenStamp(List.copyOf(tokens), tokenSum);
    }
}
