package dev.webcache.headers;

import dev.webcache.http.CacheControl;
import dev.webcache.http.ConditionalRequest;
import dev.webcache.http.EntityTag;
import dev.webcache.http.HttpDates;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Django's header helpers ({@code django.utils.cache}) on a servlet response, with the fixes of the {@code http}
 * package: {@code patch_cache_control}, {@code patch_vary_headers}, {@code has_vary_header}, {@code get_max_age},
 * {@code patch_response_headers}, {@code add_never_cache_headers}, and conditional request evaluation. Header lines
 * of one name are read together and written back as one line. A committed response is left alone (the container
 * would ignore the change anyway), and no helper ever sets an empty header.
 */
public final class ResponseHeaders {
    /** Django's never_cache directives: {@code max-age=0, no-cache, no-store, must-revalidate, private}. */
    public static final CacheControl NEVER_CACHE = CacheControl.builder().maxAge(0).noCache().noStore()
            .mustRevalidate().cachePrivate().build();

    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String VARY = "Vary";
    private static final String EXPIRES = "Expires";

    private ResponseHeaders() {
    }

    /** Merges {@code patch} into the response's {@code Cache-Control} (see {@link CacheControl#merge}). */
    public static void patchCacheControl(HttpServletResponse response, CacheControl patch) {
        CacheControl merged = cacheControl(response).merge(patch);
        if (!merged.isEmpty() && !response.isCommitted()) {
            response.setHeader(CACHE_CONTROL, merged.toString());
        }
    }

    /** The response's {@code Cache-Control}, all lines parsed as one value. */
    public static CacheControl cacheControl(HttpServletResponse response) {
        return CacheControl.parse(response.getHeaders(CACHE_CONTROL));
    }

    /** Django's {@code get_max_age}: the response's {@code max-age}, empty when absent or not a number. */
    public static OptionalLong maxAge(HttpServletResponse response) {
        return cacheControl(response).maxAge();
    }

    /**
     * Adds header names to the response's {@code Vary} (see {@link VaryHeaders#plus(Collection)}).
     *
     * @throws IllegalArgumentException when a name is not a header field name
     */
    public static void patchVaryHeaders(HttpServletResponse response, Collection<String> headerNames) {
        VaryHeaders patched = varyHeaders(response).plus(headerNames);
        if (!patched.isEmpty() && !response.isCommitted()) {
            response.setHeader(VARY, patched.toString());
        }
    }

    /** The response's {@code Vary} list, all lines parsed as one. */
    public static VaryHeaders varyHeaders(HttpServletResponse response) {
        return VaryHeaders.parse(response.getHeaders(VARY));
    }

    /** Django's {@code has_vary_header}: whether {@code Vary} names this header, case-insensitively. */
    public static boolean hasVaryHeader(HttpServletResponse response, String headerName) {
        return varyHeaders(response).contains(headerName);
    }

    /**
     * Django's {@code patch_response_headers}: sets {@code Expires} to now + {@code timeout} unless the response has
     * one, and merges {@code max-age=timeout} (the lower {@code max-age} wins). A negative timeout counts as zero;
     * one beyond {@link CacheControl#MAX_DELTA_SECONDS} as that.
     */
    public static void patchResponseHeaders(HttpServletResponse response, Duration timeout, Clock clock) {
        long seconds = Math.min(Math.max(timeout.getSeconds(), 0), CacheControl.MAX_DELTA_SECONDS);
        if (response.isCommitted()) {
            return;
        }
        if (!response.containsHeader(EXPIRES)) {
            response.setHeader(EXPIRES, HttpDates.format(clock.instant().plusSeconds(seconds)));
        }
        patchCacheControl(response, CacheControl.builder().maxAge(seconds).build());
    }

    /**
     * Django's {@code add_never_cache_headers}: {@code Expires} now unless the response has one, and
     * {@link #NEVER_CACHE} merged into {@code Cache-Control}; on a fresh response exactly
     * {@code Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private}.
     */
    public static void addNeverCacheHeaders(HttpServletResponse response, Clock clock) {
        patchResponseHeaders(response, Duration.ZERO, clock);
        patchCacheControl(response, NEVER_CACHE);
    }

    /** The request's preconditions ({@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since}...). */
    public static ConditionalRequest conditionalRequest(HttpServletRequest request) {
        return new ConditionalRequest(request.getMethod(), RequestHeaders.joined(request, "If-Match"),
                RequestHeaders.joined(request, "If-None-Match"), request.getHeader("If-Modified-Since"),
                request.getHeader("If-Unmodified-Since"));
    }

    /**
     * Evaluates the request's preconditions against a representation's validators (either may be {@code null}),
     * RFC 9110 section 13.2.2: 304 for GET and HEAD, 412 otherwise. Call it only for what would be a 2xx response.
     */
    public static ConditionalRequest.Outcome evaluatePreconditions(HttpServletRequest request, EntityTag etag,
            Instant lastModified) {
        return conditionalRequest(request).evaluate(etag, lastModified);
    }

    /**
     * Evaluates the request's preconditions against the {@code ETag} and {@code Last-Modified} the response already
     * carries (Django's {@code get_conditional_response}).
     */
    public static ConditionalRequest.Outcome evaluatePreconditions(HttpServletRequest request,
            HttpServletResponse response) {
        return conditionalRequest(request).evaluateHeaders(response.getHeader("ETag"),
                response.getHeader("Last-Modified"));
    }
}
