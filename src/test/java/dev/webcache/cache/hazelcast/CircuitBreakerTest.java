package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webcache.cache.spi.BackendUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The breaker's rules on a manual time source: when it opens, how long it stays open, that one probe decides, and
 * how the interval grows and starts over. (Its effect on real requests is in {@link ClusterFreezeTest}.)
 */
class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker("c", now::get);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void timeOut(int times) {
        for (int i = 0; i < times; i++) {
            assertFalse(breaker.admit(), "a call admitted while closed is no probe");
            breaker.timedOut(false);
        }
    }

    /** Checks that calls are refused until {@code openMillis} have passed, then admits the probe. */
    private void assertOpenFor(long openMillis) {
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        advanceMillis(openMillis - 1);
        assertThrows(BackendUnavailableException.class, breaker::admit);
        advanceMillis(1);
        assertTrue(breaker.admit(), "the first call after the interval probes");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertThrows(BackendUnavailableException.class, breaker::admit, "one probe at a time");
    }

    @Test
    void threeTimeoutsWithinTheWindowOpenItAndAnAnsweringProbeClosesIt() {
        timeOut(2);
        advanceMillis(9_000);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        timeOut(1);
        assertOpenFor(1_000);
        breaker.probed(true);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertFalse(breaker.admit());
        assertEquals(1, breaker.timesOpened());
        assertEquals(3, breaker.timeouts());
        assertEquals(2, breaker.rejected());
    }

    @Test
    void timeoutsSpreadBeyondTheWindowLeaveItClosed() {
        for (int i = 0; i < 10; i++) {
            timeOut(1);
            advanceMillis(6_000);
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(0, breaker.timesOpened());
    }

    @Test
    void aFailingProbeDoublesTheIntervalUpToThirtySeconds() {
        timeOut(3);
        long[] intervals = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int i = 0; i < intervals.length; i++) {
            assertOpenFor(intervals[i]);
            if (i % 2 == 0) {
                breaker.timedOut(true);
            } else {
                breaker.probed(false); // any other failure of the probe counts alike
            }
        }
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void aChangeOfTheClusterViewLetsTheNextCallProbeAtOnce() {
        timeOut(3);
        assertOpenFor(1_000);
        breaker.timedOut(true);
        advanceMillis(100);
        assertThrows(BackendUnavailableException.class, breaker::admit);
        breaker.probeSoon();
        assertTrue(breaker.admit(), "probes at once");
        breaker.timedOut(true);
        assertOpenFor(4_000);
    }

    @Test
    void reopeningSoonAfterClosingKeepsGrowingAndAQuietWindowStartsOver() {
        timeOut(3);
        assertOpenFor(1_000);
        breaker.probed(true);
        advanceMillis(500);
        timeOut(3);
        assertOpenFor(2_000);
        breaker.probed(true);
        advanceMillis(10_000);
        timeOut(3);
        assertOpenFor(1_000);
        assertEquals(3, breaker.timesOpened());
    }
}
