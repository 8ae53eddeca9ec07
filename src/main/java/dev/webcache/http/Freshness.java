package dev.webcache.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The freshness lifetime of a response as a shared cache computes it (RFC 9111 section 4.2.1): {@code s-maxage},
 * else {@code max-age}, else {@code Expires} minus {@code Date} (the response time when {@code Date} is absent or
 * invalid); an invalid value of the directive that applies, or an {@code Expires} that is not a valid date, means
 * already expired. Without any of these, a heuristic
 * (section 4.2.2) when one is allowed: a fraction of the time since {@code Last-Modified}, capped.
 *
 * @param lifetimeSeconds the lifetime; zero when the response is stale on arrival
 * @param explicit        whether the response itself declared it (else it is heuristic, or zero for lack of one)
 */
public record Freshness(long lifetimeSeconds, boolean explicit) {
    /** The fraction of the time since {@code Last-Modified} that a heuristic lifetime takes (RFC 9111 4.2.2). */
    public static final double HEURISTIC_FRACTION = 0.1;
    /** No explicit freshness and no heuristic: stale on arrival. */
    public static final Freshness NONE = new Freshness(0, false);

    public Freshness {
        if (lifetimeSeconds < 0) {
            throw new IllegalArgumentException("a lifetime cannot be negative: " + lifetimeSeconds);
        }
    }

    /**
     * The explicit freshness lifetime of a response, for a shared cache, or empty when it declares none.
     *
     * @param cacheControl       the response's {@code Cache-Control}
     * @param expiresLines       its {@code Expires} field lines (the first is used, as section 4.2 allows)
     * @param dateHeader         its {@code Date}, or {@code null}
     * @param responseTimeMillis when it was received, standing in for a missing {@code Date}
     */
    public static Optional<Freshness> explicit(CacheControl cacheControl, List<String> expiresLines,
                                               String dateHeader, long responseTimeMillis) {
        // a present directive overrides Expires even when its value is invalid, which then means stale
        // (RFC 9111 sections 4.2.1 and 5.3)
        if (cacheControl.has("s-maxage")) {
            return Optional.of(new Freshness(cacheControl.sMaxAge().orElse(0), true));
        }
        if (cacheControl.has("max-age")) {
            return Optional.of(new Freshness(cacheControl.maxAge().orElse(0), true));
        }
        if (expiresLines == null || expiresLines.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> expires = HttpDates.parse(expiresLines.get(0));
        if (expires.isEmpty()) {
            return Optional.of(new Freshness(0, true));
        }
        long date = HttpDates.parse(dateHeader).map(Instant::toEpochMilli).orElse(responseTimeMillis);
        long lifetime = Math.max(0, expires.get().toEpochMilli() - date) / 1000;
        return Optional.of(new Freshness(Math.min(lifetime, CacheControl.MAX_DELTA_SECONDS), true));
    }

    /**
     * A heuristic lifetime (RFC 9111 section 4.2.2): {@link #HEURISTIC_FRACTION} of the time between
     * {@code Last-Modified} and {@code Date} (or the response time), at most {@code limitSeconds}; {@link #NONE}
     * when there is no valid {@code Last-Modified} or the limit is zero. The caller checks that the response may get
     * one at all (no explicit freshness; a heuristically cacheable status or {@code public}).
     */
    public static Freshness heuristic(String lastModifiedHeader, String dateHeader, long responseTimeMillis,
                                      long limitSeconds) {
        Optional<Instant> lastModified = HttpDates.parse(lastModifiedHeader);
        if (lastModified.isEmpty() || limitSeconds <= 0) {
            return NONE;
        }
        long date = HttpDates.parse(dateHeader).map(Instant::toEpochMilli).orElse(responseTimeMillis);
        long sinceModified = Math.max(0, date - lastModified.get().toEpochMilli()) / 1000;
        return new Freshness(Math.min((long) (sinceModified * HEURISTIC_FRACTION), limitSeconds), false);
    }

    /** Whether a response of this lifetime is fresh at {@code currentAgeSeconds} (section 4.2). */
    public boolean isFreshAt(long currentAgeSeconds) {
        return lifetimeSeconds > currentAgeSeconds;
    }
}
