package dev.webcache.cache.hazelcast;

import dev.webcache.cache.spi.BackendUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops requests from paying the call deadline again and again while the cluster does not answer.
 *
 * <p>{@value #THRESHOLD} timeouts within {@value #WINDOW_SECONDS} s open it: every call then fails at once for the
 * open interval. After it one call goes through as a probe while the others still fail at once; an answer closes
 * the breaker, anything else opens it again for twice as long (at most {@value #MAX_OPEN_SECONDS} s). The interval
 * starts again from {@value #FIRST_OPEN_MILLIS} ms once the breaker has stayed closed for a window. A change of the
 * cluster view ({@link #probeSoon}) lets the next call probe at once. Only timeouts
 * count: a cluster that refuses at once (a disconnected client) costs a request nothing.
 */
final class CircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    static final int THRESHOLD = 3;
    static final long WINDOW_SECONDS = 10;
    static final long FIRST_OPEN_MILLIS = 1000;
    static final long MAX_OPEN_SECONDS = 30;

    private static final long WINDOW = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    private static final long FIRST_OPEN = TimeUnit.MILLISECONDS.toNanos(FIRST_OPEN_MILLIS);
    private static final long MAX_OPEN = TimeUnit.SECONDS.toNanos(MAX_OPEN_SECONDS);

    /** The breaker's states, as JMX shows them. */
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final String clusterName;
    private final LongSupplier nanoTime;
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong timesOpened = new AtomicLong();
    /** Read without the lock on every call; changed only under it. */
    private volatile State state = State.CLOSED;
    private final long[] recentTimeouts = new long[THRESHOLD];
    private int nextTimeout;
    private int recorded;
    private long openUntil;
    private long openInterval;
    private long closedAt;

    CircuitBreaker(String clusterName) {
        this(clusterName, System::nanoTime);
    }

    /** A breaker on another time source ({@link System#nanoTime()} semantics), for tests. */
    CircuitBreaker(String clusterName, LongSupplier nanoTime) {
        this.clusterName = clusterName;
        this.nanoTime = nanoTime;
        this.closedAt = nanoTime.getAsLong() - WINDOW;
    }

    /**
     * Admits one call, or refuses it while the breaker is open.
     *
     * @return whether this call is the probe whose outcome decides the breaker (report it to {@link #probed})
     * @throws BackendUnavailableException while the breaker is open, or half open with a probe under way
     */
    boolean admit() {
        if (state == State.CLOSED) {
            return false;
        }
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (state == State.CLOSED) {
                return false;
            }
            if (state == State.OPEN && now - openUntil >= 0) {
                state = State.HALF_OPEN;
                return true;
            }
            rejected.incrementAndGet();
            long waitMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(openUntil - now));
            throw new BackendUnavailableException("the Hazelcast cluster '" + clusterName + "' is treated as down after"
                    + " repeated timeouts; calls fail at once " + (state == State.OPEN
                    ? "for another " + waitMillis + " ms" : "until the probing call answers"));
        }
    }

    /** Counts a call that missed its deadline; enough of them in a window open the breaker. */
    void timedOut(boolean probe) {
        timeouts.incrementAndGet();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (probe) {
                open(now, Math.min(MAX_OPEN, openInterval * 2));
                LOG.debug("webcache: the Hazelcast cluster '{}' still does not answer; calls fail at once for {} ms",
                        clusterName, TimeUnit.NANOSECONDS.toMillis(openInterval));
                return;
            }
            if (state != State.CLOSED) {
                return;
            }
            recentTimeouts[nextTimeout] = now;
            nextTimeout = (nextTimeout + 1) % THRESHOLD;
            recorded = Math.min(THRESHOLD, recorded + 1);
            if (recorded == THRESHOLD && now - recentTimeouts[nextTimeout] <= WINDOW) {
                boolean soonAfterClosing = now - closedAt < WINDOW && openInterval > 0;
                open(now, soonAfterClosing ? Math.min(MAX_OPEN, openInterval * 2) : FIRST_OPEN);
                LOG.warn("webcache: {} calls to the Hazelcast cluster '{}' timed out within {} s; the cluster is"
                                + " treated as down and every cache call fails at once for {} ms (then one call"
                                + " probes)",
                        THRESHOLD, clusterName, WINDOW_SECONDS, TimeUnit.NANOSECONDS.toMillis(openInterval));
            }
        }
    }

    /** Reports the outcome of the probe admitted by {@link #admit}: an answer closes the breaker. */
    void probed(boolean answered) {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (answered) {
                state = State.CLOSED;
                closedAt = now;
                LOG.info("webcache: the Hazelcast cluster '{}' answers again; cache calls go to it again", clusterName);
            } else {
                open(now, Math.min(MAX_OPEN, Math.max(FIRST_OPEN, openInterval * 2)));
            }
        }
    }

    /**
     * Lets the next call probe at once instead of at the end of the open interval: the cluster view changed (a
     * silent member was removed, a client reconnected), so the cluster may answer again. The interval keeps growing
     * if that probe fails too.
     */
    void probeSoon() {
        synchronized (this) {
            if (state == State.OPEN) {
                openUntil = nanoTime.getAsLong();
            }
        }
    }

    private void open(long now, long interval) {
        if (state == State.CLOSED) {
            timesOpened.incrementAndGet();
        }
        recorded = 0;
        openInterval = interval;
        openUntil = now + interval;
        state = State.OPEN;
    }

    State state() {
        return state;
    }

    long timeouts() {
        return timeouts.get();
    }

    long rejected() {
        return rejected.get();
    }

    long timesOpened() {
        return timesOpened.get();
    }
}
