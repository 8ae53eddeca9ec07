package dev.webcache.page;

import dev.webcache.http.CacheControl;
import dev.webcache.http.Freshness;
import dev.webcache.http.RequestDirectives;
import dev.webcache.http.VaryHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <li>the identity rule ({@link RequestIdentity}): a request with {@code Authorization}, a principal or a session
 * only when the response is {@code public}, has {@code s-maxage}, or varies on what identifies the user;</li>
 * <li>the lifetime: the page timeout ({@code @CachePage}), else the response's own ({@code s-maxage}, else
 * {@code max-age}, else {@code Expires}; zero, invalid or already past: not stored, headers untouched), else the
 * default timeout (zero: not stored, headers patched).</li>
 * </ol>
 * A stored page may then be sent stale for the response's own {@code stale-while-revalidate} and
 * {@code stale-if-error} (RFC 5861), else the configured windows; never when it says {@code must-revalidate} or
 * {@code proxy-revalidate}.
 * In {@link PageCacheMode#SHARED shared} mode these are RFC 9111 section 3's rules, see {@link #decideAsShared}.
 */
final class StorePolicy {
    /** Status codes cacheable by default (RFC 9110 section 15.1): stored without explicit freshness. */
    private static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410,
            414, 501);
    /** The final status codes RFC 9110 defines: what this cache understands, for {@code must-understand}. */
    private static final Set<Integer> UNDERSTOOD = Set.of(200, 201, 202, 203, 204, 205, 300, 301, 302, 303, 305,
            307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421,
            422, 426, 500, 501, 502, 503, 504, 505);

    private static final int PARSED_LINES_KEPT = 256;

    private final PageCacheMode mode;
    private final Clock clock;
    private final Map<String, CacheControl> parsedLines = new ConcurrentHashMap<>();

    /** @param clock shared mode: the response time, where {@code Date} is missing */
    StorePolicy(PageCacheMode mode, Clock clock) {
        this.mode = mode;
        this.clock = clock;
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
                    RequestIdentity identity, PageCacheSettings settings) {
        return switch (mode) {
            case ORIGIN -> decideAsOrigin(request, response, setsCookie, identity, settings);
            case SHARED -> decideAsShared(request, response, setsCookie, identity.withoutAuthorization(), settings);
        };
    }

    /**
     * The identity rule ({@link RequestIdentity}): why a response rendered for a request carrying an identity may
     * not be shared, or {@code null} when it may.
     */
    private static Refusal identityRefusal(RequestIdentity identity, CacheControl cacheControl, VaryHeaders vary) {
        if (identity.isAnonymous()) {
            return null;
        }
        boolean shareable = cacheControl.isPublic() || cacheControl.has("s-maxage");
        List<String> names = lowercase(vary.names());
        if (identity.mayShare(shareable, names)) {
            return null;
        }
        return identity.withoutAuthorization().mayShare(shareable, names) ? Refusal.AUTHORIZATION
                : Refusal.IDENTITY;
    }

    private static List<String> lowercase(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * RFC 9111 section 3, checked in this order: a status that may be stored (206 and 304 never; with
     * {@code must-understand} only a status this cache understands); no {@code no-store} in the request or the
     * response; no {@code private}; no cookie set (never served across users); no {@code Vary: *}, also inside a
     * list; a request with {@code Authorization} only when the response is {@code public}, has {@code s-maxage} or
     * {@code must-revalidate}; a request with a principal or a session by the identity rule (the application's own
     * pages); then the lifetime: {@code s-maxage}, {@code max-age}, {@code Expires} minus
     * {@code Date}; without one, a heuristically cacheable status (or {@code public}) gets the heuristic lifetime if
     * enabled. A response with {@code no-cache} gets lifetime zero: it is stored only to be revalidated. A response
     * of lifetime zero is stored only when it has a validator; one with neither freshness nor a cacheable status is
     * not stored. Headers are never patched, and no stale window is added.
     */
    private Decision decideAsShared(HttpServletRequest request, HttpServletResponse response, boolean setsCookie,
                                    RequestIdentity identity, PageCacheSettings settings) {
        int status = response.getStatus();
        if (status == 206 || status < 200) {
            return Decision.refuse(Refusal.STATUS);
        }
        if (status == 304) {
            return Decision.refuse(Refusal.NOT_MODIFIED);
        }
        CacheControl cacheControl = cacheControl(response);
        if (cacheControl.mustUnderstand() && !UNDERSTOOD.contains(status)) {
            return Decision.refuse(Refusal.STATUS);
        }
        if (cacheControl.noStore() || RequestDirectives.of(list(request.getHeaders("Cache-Control")),
                list(request.getHeaders("Pragma"))).noStore()) {
            return Decision.refuse(Refusal.NO_STORE);
        }
        if (cacheControl.isPrivate()) {
            return Decision.refuse(Refusal.PRIVATE);
        }
        if (setsCookie || response.containsHeader("Set-Cookie") || response.containsHeader("Set-Cookie2")) {
            return Decision.refuse(Refusal.SETS_COOKIE);
        }
        VaryHeaders vary = VaryHeaders.parse(response.getHeaders("Vary"));
        if (vary.isWildcard()) {
            return Decision.refuse(Refusal.VARY_STAR);
        }
        if (request.getHeader("Authorization") != null && !cacheControl.isPublic()
                && !cacheControl.has("s-maxage") && !cacheControl.mustRevalidate()) {
            return Decision.refuse(Refusal.AUTHORIZATION);
        }
        Refusal personal = identityRefusal(identity, cacheControl, vary);
        if (personal != null) {
            return Decision.refuse(personal);
        }
        long now = clock.millis();
        String date = response.getHeader("Date");
        Optional<Freshness> explicit = Freshness.explicit(cacheControl, List.copyOf(response.getHeaders("Expires")),
                date, now);
        Freshness freshness;
        if (explicit.isPresent()) {
            freshness = explicit.get();
        } else if (HEURISTICALLY_CACHEABLE.contains(status) || cacheControl.isPublic()) {
            freshness = Freshness.heuristic(response.getHeader("Last-Modified"), date, now,
                    settings.heuristicLimit().getSeconds());
        } else {
            return Decision.refuse(Refusal.STATUS);
        }
        long lifetime = cacheControl.noCache() ? 0 : freshness.lifetimeSeconds();
        if (lifetime == 0 && !response.containsHeader("ETag") && !response.containsHeader("Last-Modified")) {
            return Decision.refuse(cacheControl.noCache() ? Refusal.NO_CACHE : Refusal.ZERO_LIFETIME);
        }
        return new Decision(null, lifetime, 0, 0, false);
    }

    /**
     * Whether a response with this {@code Cache-Control} may be served stale by a shared cache at all: not with
     * {@code must-revalidate}, {@code proxy-revalidate}, {@code s-maxage} (which implies it) or {@code no-cache}.
     */
    static boolean servableStale(CacheControl cacheControl) {
        return !cacheControl.mustRevalidate() && !cacheControl.proxyRevalidate() && !cacheControl.has("s-maxage")
                && !cacheControl.noCache();
    }

    private static List<String> list(Enumeration<String> lines) {
        return lines == null ? List.of() : Collections.list(lines);
    }

    private Decision decideAsOrigin(HttpServletRequest request, HttpServletResponse response, boolean setsCookie,
                                    RequestIdentity identity, PageCacheSettings settings) {
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
        VaryHeaders vary = VaryHeaders.parse(response.getHeaders("Vary"));
        if (vary.isWildcard()) {
            return Decision.refuse(Refusal.VARY_STAR);
        }
        Refusal personal = identityRefusal(identity, cacheControl, vary);
        if (personal != null) {
            return Decision.refuse(personal);
        }
        long seconds;
        if (settings.pageTimeout() != null) {
            seconds = Math.max(0, settings.pageTimeout().getSeconds());
        } else {
            // the response's own freshness (an invalid max-age, or an Expires already past, means none at all)
            Optional<Freshness> own = Freshness.explicit(cacheControl, List.copyOf(response.getHeaders("Expires")),
                    null, clock.millis());
            if (own.isPresent() && own.get().lifetimeSeconds() == 0) {
                return Decision.refuse(Refusal.ZERO_LIFETIME);
            }
            seconds = own.isPresent() ? own.get().lifetimeSeconds() : settings.defaultTimeout().getSeconds();
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
    CacheControl cacheControl(HttpServletResponse response) {
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
