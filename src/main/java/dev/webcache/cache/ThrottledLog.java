package dev.webcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring failure at most once per interval, with the number of occurrences since the last line, so a
 * broken backend under load produces a handful of log lines instead of one per request.
 */
public final class ThrottledLog {
    /** The interval used by webcache's own components. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private final Logger logger;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong occurrences = new AtomicLong();

    public ThrottledLog(Logger logger, Clock clock, Duration interval) {
        this.logger = logger;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Counts one occurrence and logs it at WARN if the interval has passed since the last line. */
    public void warn(String message, Throwable cause) {
        long count = occurrences.incrementAndGet();
        long now = clock.millis();
        long due = nextLogAt.get();
        if (now >= due && nextLogAt.compareAndSet(due, now + intervalMillis)) {
            occurrences.addAndGet(-count);
            logger.warn("{} ({} time(s) since the last report; next report in {} s at most)", message, count,
                    intervalMillis / 1000, cause);
        }
    }
}
