package dev.webcache.page;

import dev.webcache.http.CacheControl;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides whether a response may be stored and for how long, for every mode. In
 * {@link PageCacheMode#ORIGIN origin} mode these are Django's rules with its bugs fixed, checked in this order:
 * <ol>
 * <li>status 200 (a 304 gets the freshness headers but is not stored; anything else is left alone);</li>
 * <li>no cookie set (Django stored and replayed {@code Set-Cookie});</li>
 * <li>no {@code private}, {@code no-store} or {@code no-cache} directive, parsed rather than found as a
 * substring;</li>
 * <li>no {@code Vary: *};</li>
 * <li>a request with {@code Authorization} only when the response is {@code public} or has {@code s-maxage};</li>
 * <li>the lifetime: the page timeout ({@code @CachePage}), else {@code s-maxage}, else {@code max-age} (zero: not
 * stored, headers untouched), else the default timeout (zero: not stored, headers patched).</li>
 * </ol>
 * A stored page may then be sent stale for the response's own {@code stale-while-revalidate} and
 * {@code stale-if-error} (RFC 5861), else the configured windows; never when it says {@code must-revalidate} or
 * {@code proxy-revalidate}.
 */
final class StorePolicy {
    private static final int PARSED_LINES_KEPT = 256;

    private final PageCacheMode mode;
    private final Map<String, CacheControl> parsedLines = new ConcurrentHashMap<>();

    StorePolicy(PageCacheMode mode) {
        this.mode = mode;
    }

    /** Whether requests with this method are looked up and their responses considered (GET and HEAD). */
    boolean isCacheableMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /**
     * What to do with the response as it stands.
     *
     * @param setsCookie whether the application added a cookie (besides any {@code Set-Cookie} header)
     */
    Decision decide(HttpServletRequest request, HttpServletResponse response, boolean setsCookie,
                    PageCacheSettings settings) {
        return switch (mode) {
            case ORIGIN -> decideAsOrigin(request, response, setsCookie, settings);
        };
    }

    private Decision decideAsOrigin(HttpServletRequest request, HttpServletResponse response, boolean setsCookie,
                                    PageCacheSettings settings) {
        int status = response.getStatus();
        if (status != 200 && status != 304) {
            return Decision.refuse(Refusal.STATUS);
        }
        if (setsCookie || response.containsHeader("Set-Cookie")) {
            return Decision.refuse(Refusal.SETS_COOKIE);
        }
        CacheControl cacheControl = cacheControl(response);
        if (cacheControl.isPrivate()) {
            return Decision.refuse(Refusal.PRIVATE);
        }
        if (cacheControl.noStore()) {
            return Decision.refuse(Refusal.NO_STORE);
        }
        if (cacheControl.noCache()) {
            return Decision.refuse(Refusal.NO_CACHE);
        }
        if (response.containsHeader("Vary") && VaryHeaders.parse(response.getHeaders("Vary")).isWildcard()) {
            return Decision.refuse(Refusal.VARY_STAR);
        }
        OptionalLong sMaxAge = cacheControl.sMaxAge();
        if (request.getHeader("Authorization") != null && !cacheControl.isPublic() && sMaxAge.isEmpty()) {
            return Decision.refuse(Refusal.AUTHORIZATION);
        }
        long seconds;
        if (settings.pageTimeout() != null) {
            seconds = Math.max(0, settings.pageTimeout().getSeconds());
        } else {
            OptionalLong own = sMaxAge.isPresent() ? sMaxAge : cacheControl.maxAge();
            if (own.isPresent() && own.getAsLong() == 0) {
                return Decision.refuse(Refusal.ZERO_LIFETIME);
            }
            seconds = own.isPresent() ? own.getAsLong() : settings.defaultTimeout().getSeconds();
        }
        Refusal refusal = status == 304 ? Refusal.NOT_MODIFIED : seconds == 0 ? Refusal.ZERO_LIFETIME : null;
        boolean staleForbidden = cacheControl.mustRevalidate() || cacheControl.proxyRevalidate();
        long whileRevalidating = staleForbidden ? 0
                : cacheControl.staleWhileRevalidate().orElse(settings.staleWhileRevalidate().getSeconds());
        long ifError = staleForbidden ? 0 : cacheControl.staleIfError().orElse(settings.staleIfError().getSeconds());
        return new Decision(refusal, seconds, whileRevalidating, ifError, true);
    }

    /**
     * The response's {@code Cache-Control}, all lines as one. An application sends few distinct values, so parsed
     * single lines are kept (up to a bound) rather than parsed on every response.
     */
    private CacheControl cacheControl(HttpServletResponse response) {
        Collection<String> lines = response.getHeaders("Cache-Control");
        if (lines.isEmpty()) {
            return CacheControl.EMPTY;
        }
        if (lines.size() > 1) {
            return CacheControl.parse(lines);
        }
        String line = lines.iterator().next();
        CacheControl parsed = parsedLines.get(line);
        if (parsed == null) {
            parsed = CacheControl.parse(line);
            if (parsedLines.size() < PARSED_LINES_KEPT) {
                parsedLines.putIfAbsent(line, parsed);
            }
        }
        return parsed;
    }

    /**
     * A decision.
     *
     * @param refusal                     why the response is not stored, or {@code null} when it is
     * @param lifetimeSeconds             how long it is fresh, and the timeout for Django's
     *                                    {@code patch_response_headers}
     * @param staleWhileRevalidateSeconds how long past that it may be sent while its successor renders
     * @param staleIfErrorSeconds         how long past that it may be sent in place of a failed render
     * @param patchHeaders                whether {@code Expires} and {@code max-age} are to be patched in
     */
    record Decision(Refusal refusal, long lifetimeSeconds, long staleWhileRevalidateSeconds,
                    long staleIfErrorSeconds, boolean patchHeaders) {
        static Decision refuse(Refusal refusal) {
            return new Decision(refusal, 0, 0, 0, false);
        }

        /** The page's lifetimes in milliseconds, saturating rather than overflowing. */
        StoredPage.Lifetime lifetime() {
            return new StoredPage.Lifetime(millis(lifetimeSeconds), millis(staleWhileRevalidateSeconds),
                    millis(staleIfErrorSeconds));
        }

        private static long millis(long seconds) {
            return seconds >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        }
    }
}
