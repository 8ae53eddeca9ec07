package dev.webcache.page;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of page-cache counters: of one filter or {@code @CachePage} servlet, or summed over all of them that
 * share a page cache.
 *
 * @param hits           requests answered from a fresh stored page (304s included)
 * @param notModified    hits answered with 304 Not Modified
 * @param misses         GET and HEAD requests that found no fresh stored page and rendered it
 * @param staleServed    requests answered with a stale page: while another request re-rendered it, or in place of
 *                       a render that failed
 * @param coalescedWaits requests that waited for another request's render of the same page instead of rendering it
 * @param stores         pages stored
 * @param bytesStored    the bytes of the bodies stored, as stored (gzip-compressed where they were)
 * @param refusals       responses to misses that were not stored, by reason (every reason present, zeros included)
 * @param bypasses       requests passed to the application without a look-up: a method other than GET and HEAD, or
 *                       a look-up the backend failed ({@code X-Cache: BYPASS})
 */
public record PageCacheStatistics(long hits, long notModified, long misses, long staleServed, long coalescedWaits,
                                  long stores, long bytesStored, Map<Refusal, Long> refusals, long bypasses) {
    /** Nothing counted yet. */
    public static final PageCacheStatistics NONE = new PageCacheStatistics(0, 0, 0, 0, 0, 0, 0, Map.of(), 0);

    public PageCacheStatistics {
        refusals = Map.copyOf(refusals);
    }

    /** The number of refusals for one reason. */
    public long refusals(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    /** These counters plus {@code other}'s. */
    PageCacheStatistics plus(PageCacheStatistics other) {
        Map<Refusal, Long> sum = new EnumMap<>(Refusal.class);
        for (Refusal reason : Refusal.values()) {
            sum.put(reason, refusals(reason) + other.refusals(reason));
        }
        return new PageCacheStatistics(hits + other.hits, notModified + other.notModified, misses + other.misses,
                staleServed + other.staleServed, coalescedWaits + other.coalescedWaits, stores + other.stores,
                bytesStored + other.bytesStored, sum, bypasses + other.bypasses);
    }
}
