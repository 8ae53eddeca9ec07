package dev.webcache.cache.hazelcast;

import com.hazelcast.config.MaxSizePolicy;

/**
 * How a map is bounded on each member: Hazelcast's one size policy and its size.
 *
 * @param policy {@code USED_HEAP_SIZE} (size in MB) or {@code PER_NODE} (size in entries)
 * @param size   the bound in the policy's unit
 */
record MapBound(MaxSizePolicy policy, int size) {
    /** The heap the map's entries may take per member, rounded up to whole megabytes (Hazelcast's unit). */
    static MapBound bytes(long bytes) {
        return new MapBound(MaxSizePolicy.USED_HEAP_SIZE, (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, (bytes + (1 << 20) - 1) >> 20)));
    }

    /** At most this many entries per member. */
    static MapBound entries(int entries) {
        return new MapBound(MaxSizePolicy.PER_NODE, entries);
    }
}
