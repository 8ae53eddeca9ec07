package dev.webcache.page;

import java.util.Map;

/**
 * A snapshot of one page cache's counters.
 *
 * @param hits        requests answered from a stored page (304s included)
 * @param notModified hits answered with 304 Not Modified
 * @param misses      GET and HEAD requests that found no fresh stored page
 * @param stores      pages stored
 * @param refusals    responses to misses that were not stored, by reason (every reason present, zeros included)
 */
public record PageCacheStatistics(long hits, long notModified, long misses, long stores,
                                  Map<Refusal, Long> refusals) {
    public PageCacheStatistics {
        refusals = Map.copyOf(refusals);
    }

    /** The number of refusals for one reason. */
    public long refusals(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }
}
