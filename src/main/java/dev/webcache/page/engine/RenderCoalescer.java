package dev.webcache.page.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * At most one render per page key at a time in this JVM (nginx's {@code proxy_cache_lock}, Varnish's waiting
 * list). One latch per key in flight, so a request waits only for the render of its own page, never on a lock
 * shared with other keys; nothing is held in the cache backend. A key whose last render could not be stored is
 * remembered for a short while (Varnish's hit-for-miss): its requests render side by side instead of queueing
 * behind each other for a page that will not be stored anyway; and when that render declared itself unstorable,
 * they render straight through, not captured (hit-for-pass). That memory is bounded; when full, it forgets the
 * oldest refusal, never a new one.
 */
final class RenderCoalescer {
    /** How long a refused render keeps its key out of coalescing (and, declared, out of capturing). */
    private static final long REMEMBERED_MILLIS = 10_000;
    private static final int MAX_REMEMBERED_KEYS = 10_000;

    private final ConcurrentHashMap<String, Render> inFlight = new ConcurrentHashMap<>();
    /** The last refusal of each refused key, oldest refusal first; the oldest goes when it is full. */
    private final LinkedHashMap<String, Refused> refusals = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Refused> eldest) {
            return size() > MAX_REMEMBERED_KEYS;
        }
    };

    /**
     * The last render of a key was not stored.
     *
     * @param untilMillis when this stops counting
     * @param declared    whether its response declared itself unstorable in its headers (see
     *                    {@link StorePolicy.Decision#declaresUnstorable})
     */
    record Refused(long untilMillis, boolean declared) {
    }

    /** One render in flight; {@link #release} it exactly once, whatever the render did. */
    final class Render {
        private final String key;
        private final CountDownLatch done = new CountDownLatch(1);

        private Render(String key) {
            this.key = key;
        }

        /** Lets everyone waiting for this render look the page up again. */
        void release(boolean stored, long nowMillis) {
            remember(key, stored, false, nowMillis);
            inFlight.remove(key, this);
            done.countDown();
        }
    }

    /** Records how the last render of {@code key} ended: stored, or not (declared unstorable by its response). */
    void remember(String key, boolean stored, boolean declared, long nowMillis) {
        synchronized (refusals) {
            // removed first so that a new refusal moves to the newest end
            refusals.remove(key);
            if (!stored) {
                refusals.put(key, new Refused(nowMillis + REMEMBERED_MILLIS, declared));
            }
        }
    }

    /** The last render of this key, if it was refused within the remembered while; else {@code null}. */
    Refused recentRefusal(String key, long nowMillis) {
        Refused refused;
        synchronized (refusals) {
            refused = refusals.get(key);
        }
        return refused != null && refused.untilMillis() > nowMillis ? refused : null;
    }

    /** The render of {@code key} for the caller to do, or {@code null} when another request is doing it. */
    Render claim(String key) {
        Render mine = new Render(key);
        return inFlight.putIfAbsent(key, mine) == null ? mine : null;
    }

    /**
     * Waits for the render of {@code key} in flight, if any, for at most {@code timeout}.
     *
     * @return whether it finished (or none was in flight); {@code false} on timeout or interrupt
     */
    boolean awaitRender(String key, Duration timeout) {
        Render render = inFlight.get(key);
        if (render == null) {
            return true;
        }
        try {
            return render.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
