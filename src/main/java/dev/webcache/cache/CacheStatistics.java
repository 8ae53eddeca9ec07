package dev.webcache.cache;

import dev.webcache.cache.spi.CacheBackend;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts of one named cache, shared by its version views, and what its backend can tell of its size.
 * Every read through {@link Cache} counts, whoever makes it: the application, the page cache, the fragment tags,
 * token counters and {@link dev.webcache.memo.Memoizer}. Counting is one {@link LongAdder} increment; the counts
 * start at zero when the cache is built and only grow.
 */
public final class CacheStatistics {
    private final CacheBackend backend;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder memoComputations = new LongAdder();

    CacheStatistics(CacheBackend backend) {
        this.backend = backend;
    }

    /**
     * Keys looked up by {@code get}, {@code getImmutable}, {@code getMany} and {@code getOrSet}: {@link #hits()} plus
     * {@link #misses()}.
     */
    public long gets() {
        return hits() + misses();
    }

    /** Look-ups that found a value (a stored {@code null} included). */
    public long hits() {
        return hits.sum();
    }

    /** Look-ups that found nothing, or a value that could not be read back. */
    public long misses() {
        return misses.sum();
    }

    /** Values stored by {@code set}, {@code setMany}, and by {@code add} and {@code getOrSet} when they stored one. */
    public long puts() {
        return puts.sum();
    }

    /** Values a {@link dev.webcache.memo.Memoizer} on this cache computed because they were not cached. */
    public long memoComputations() {
        return memoComputations.sum();
    }

    /**
     * The entries the backend holds, where it can tell without a network call (Ehcache: this JVM's heap; a
     * Hazelcast member: the entries this member owns); empty where it cannot (a Hazelcast client) or fails.
     */
    public OptionalLong entries() {
        try {
            return backend.entryCount();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The bytes the entries take in the backend, where it can tell (see {@link #entries()}); else empty. */
    public OptionalLong bytes() {
        try {
            return backend.byteSize();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Counts one value computed on a miss; {@link dev.webcache.memo.Memoizer} calls it. */
    public void recordMemoComputation() {
        memoComputations.increment();
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void put() {
        puts.increment();
    }

    @Override
    public String toString() {
        return "CacheStatistics[hits=" + hits() + ", misses=" + misses() + ", puts=" + puts() + ", memoComputations="
                + memoComputations() + "]";
    }
}
