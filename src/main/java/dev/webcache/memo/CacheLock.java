package dev.webcache.memo;

import dev.webcache.cache.Cache;
import dev.webcache.cache.ThrottledLog;
import java.time.Duration;
import java.util.UUID;

/**
 * djblets' {@code CacheLock}: a lock entry added with the cache's atomic {@code add} and a lease (the entry's
 * timeout on the cache's clock), so a holder that dies without releasing frees it when the lease ends. Each lock
 * object has its own token; only the holder of the token removes the entry.
 */
final class CacheLock {
    private final Cache cache;
    private final String key;
    private final Duration lease;
    private final ThrottledLog failures;
    private final String token = UUID.randomUUID().toString();

    CacheLock(Cache cache, String key, Duration lease, ThrottledLog failures) {
        this.cache = cache;
        this.key = key;
        this.lease = lease;
        this.failures = failures;
    }

    /** One attempt; a backend failure propagates. */
    boolean tryAcquire() {
        return cache.add(key, token, lease);
    }

    /** Starts a new lease while this object still holds the lock. */
    void renew() {
        try {
            if (token.equals(cache.get(key))) {
                cache.touch(key, lease);
            }
        } catch (RuntimeException e) {
            failures.warn("memo: could not renew the lock '" + key + "'", e);
        }
    }

    /**
     * Removes the entry if this object holds it. The touch first makes sure the entry cannot expire, and so pass to
     * another caller, between the token check and the delete.
     */
    void release() {
        try {
            if (cache.touch(key, lease) && token.equals(cache.get(key))) {
                cache.delete(key);
            }
        } catch (RuntimeException e) {
            failures.warn("memo: could not release the lock '" + key + "'; it frees itself at lease end", e);
        }
    }
}
