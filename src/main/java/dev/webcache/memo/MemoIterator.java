package dev.webcache.memo;

import java.util.Iterator;

/**
 * The items of {@link Memoizer#memoizeIter}: read back from the cache, or produced by the supplier and stored as
 * they pass. Closing it before the end gives up: nothing readable is stored and a lock held for the key is released
 * at once instead of at lease end. Not thread-safe.
 */
public interface MemoIterator<T> extends Iterator<T>, AutoCloseable {

    /** Stops the iteration; idempotent, and a no-op once the last item has been returned. */
    @Override
    void close();
}
