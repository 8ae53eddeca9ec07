package dev.webcache.page;

/**
 * What the page-cache filters of one request tell each other, as a request attribute (Django's
 * {@code request._cache_update_cache}). The outermost update half claims the request; a fetch half of the same
 * page cache records its lookup; the update half stores only if that lookup missed. So an update half alone never
 * stores, a fetch half alone only serves hits, and a second page-cache configuration on the same request (the
 * site-wide filter and {@code @CachePage}, Django #25782) passes through instead of storing twice.
 */
final class PageRequest {
    static final String ATTRIBUTE = PageRequest.class.getName();

    private final PageCaching owner;
    private boolean lookedUp;
    private PageCache.Lookup miss;

    PageRequest(PageCaching owner) {
        this.owner = owner;
    }

    PageCaching owner() {
        return owner;
    }

    boolean lookedUp() {
        return lookedUp;
    }

    /** The lookup that missed, which a store completes; {@code null} after a hit or when none ran. */
    PageCache.Lookup miss() {
        return miss;
    }

    void recordLookup(PageCache.Lookup lookup) {
        lookedUp = true;
        miss = lookup.isHit() ? null : lookup;
    }
}
