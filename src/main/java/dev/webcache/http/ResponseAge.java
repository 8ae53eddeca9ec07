package dev.webcache.http;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The age of one stored response (RFC 9111 section 4.2.3): the corrected initial age computed once when the response
 * arrives, from the upstream {@code Age}, its {@code Date} and the request and response times, plus the time it has
 * been resident since. Whole seconds, as {@code Age} carries them.
 *
 * @param correctedInitialAgeSeconds the age the response already had when it was received
 * @param responseTimeMillis         when it was received (epoch milliseconds of the cache's clock)
 */
public record ResponseAge(long correctedInitialAgeSeconds, long responseTimeMillis) {
    public ResponseAge {
        if (correctedInitialAgeSeconds < 0) {
            throw new IllegalArgumentException("an age cannot be negative: " + correctedInitialAgeSeconds);
        }
    }

    /**
     * The age of a response that has just arrived.
     *
     * @param ageHeader          the {@code Age} field value as received (several lines joined), or {@code null}
     * @param dateHeader         the {@code Date} field value, or {@code null}
     * @param requestTimeMillis  when the request that produced it was sent on
     * @param responseTimeMillis when the response was received
     */
    public static ResponseAge of(String ageHeader, String dateHeader, long requestTimeMillis,
                                 long responseTimeMillis) {
        long responseDelay = Math.max(0, responseTimeMillis - requestTimeMillis) / 1000;
        long apparentAge = HttpDates.parse(dateHeader)
                .map(date -> Math.max(0, responseTimeMillis - date.toEpochMilli()) / 1000)
                .orElse(0L);
        OptionalLong upstreamAge = parseAge(ageHeader);
        long correctedAgeValue = upstreamAge.isPresent()
                ? Math.min(upstreamAge.getAsLong() + responseDelay, CacheControl.MAX_DELTA_SECONDS) : 0;
        return new ResponseAge(Math.max(apparentAge, correctedAgeValue), responseTimeMillis);
    }

    /**
     * The {@code Age} field value read strictly (RFC 9111 section 5.1): the first member of a list, which must be
     * {@code delta-seconds}; anything else means the field is ignored (empty).
     */
    public static OptionalLong parseAge(String ageHeader) {
        if (ageHeader == null) {
            return OptionalLong.empty();
        }
        int comma = ageHeader.indexOf(',');
        String first = (comma < 0 ? ageHeader : ageHeader.substring(0, comma)).strip();
        return CacheControl.parseDeltaSeconds(first);
    }

    /** The current age at {@code nowMillis}: the corrected initial age plus the resident time. */
    public long currentAgeSeconds(long nowMillis) {
        long resident = Math.max(0, nowMillis - responseTimeMillis) / 1000;
        return Math.min(correctedInitialAgeSeconds + resident, Long.MAX_VALUE / 2);
    }

    /** The current age at {@code now}. */
    public long currentAgeSeconds(Instant now) {
        return currentAgeSeconds(now.toEpochMilli());
    }
}
