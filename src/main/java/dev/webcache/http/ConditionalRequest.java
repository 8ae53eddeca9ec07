package dev.webcache.http;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The preconditions of a request (RFC 9110 section 13.1) and their evaluation against a representation's validators
 * in the order of section 13.2.2: {@code If-Match}, else {@code If-Unmodified-Since}; then {@code If-None-Match}
 * (weak comparison), else {@code If-Modified-Since} for GET and HEAD. Header values are given as received
 * ({@code null} when absent; several lines joined with commas); malformed dates are ignored, as the RFC asks.
 *
 * <p>Evaluate only when the response without preconditions would be a 2xx (section 13.2.1) and the representation
 * exists: the page cache calls it with a stored page's {@code ETag} and {@code Last-Modified}.
 */
public record ConditionalRequest(String method, String ifMatch, String ifNoneMatch, String ifModifiedSince,
        String ifUnmodifiedSince) {

    /** What to answer. */
    public enum Outcome {
        /** Serve the representation as usual. */
        PROCEED(200),
        /** 304 Not Modified (GET or HEAD). */
        NOT_MODIFIED(304),
        /** 412 Precondition Failed. */
        PRECONDITION_FAILED(412);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        /** The status code to send (200 for {@link #PROCEED}). */
        public int status() {
            return status;
        }
    }

    /** Whether any precondition header is present. */
    public boolean isConditional() {
        return ifMatch != null || ifNoneMatch != null || ifModifiedSince != null || ifUnmodifiedSince != null;
    }

    /**
     * Evaluates the preconditions against the representation's validators, either of which may be {@code null}
     * when the representation has none.
     */
    public Outcome evaluate(EntityTag etag, Instant lastModified) {
        Instant modified = lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!matchesAny(ifMatch, etag, true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (ifUnmodifiedSince != null && modified != null) {
            Optional<Instant> since = HttpDates.parse(ifUnmodifiedSince, Clock.systemUTC());
            if (since.isPresent() && modified.isAfter(since.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        boolean safe = "GET".equals(method) || "HEAD".equals(method);
        if (ifNoneMatch != null) {
            if (matchesAny(ifNoneMatch, etag, false)) {
                return safe ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (safe && ifModifiedSince != null && modified != null) {
            Optional<Instant> since = HttpDates.parse(ifModifiedSince, Clock.systemUTC());
            if (since.isPresent() && !modified.isAfter(since.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Evaluates against validators as stored in response headers: an {@code ETag} and a {@code Last-Modified}
     * value, either {@code null} or malformed when there is none.
     */
    public Outcome evaluateHeaders(String etagHeader, String lastModifiedHeader) {
        return evaluate(EntityTag.parse(etagHeader).orElse(null),
                HttpDates.parse(lastModifiedHeader, Clock.systemUTC()).orElse(null));
    }

    private static boolean matchesAny(String header, EntityTag etag, boolean strong) {
        if (header.strip().equals("*")) {
            return true;
        }
        if (etag == null) {
            return false;
        }
        List<EntityTag> tags = EntityTag.parseList(header);
        for (EntityTag tag : tags) {
            if (strong ? tag.strongMatches(etag) : tag.weakMatches(etag)) {
                return true;
            }
        }
        return false;
    }
}
