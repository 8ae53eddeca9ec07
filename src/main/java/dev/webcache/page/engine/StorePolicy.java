package dev.webcache.page.engine;

import dev.webcache.http.CacheControl;
import dev.webcache.http.EntityTag;
import dev.webcache.http.Freshness;
import dev.webcache.http.TargetedCacheControl;
import dev.webcache.http.ResponseAge;
import dev.webcache.http.VaryHeaders;
import dev.webcache.page.PageCacheMode;
import dev.webcache.page.PageCacheSettings;
import dev.webcache.page.Refusal;
import dev.webcache.page.store.StoredPage;
import dev.webcache.page.store.TokenStamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a response may be stored and for how long, for every mode: a pure function of
 * a {@link RequestFacts} and a {@link ResponseFacts} snapshot and the time. {@link #decide} checks, in this order:
 * <ol>
 * <li>what became of the body: streamed already (for the reason the capture gave), or committed by something that
 * went around the capture;</li>
 * <li>the headers, by mode (below);</li>
 * <li>a HEAD request (answered from a stored GET page, never stored itself), a declared {@code Content-Length}
 * that the body does not have, a token counter that could not be read.</li>
 * </ol>
 * In {@link PageCacheMode#ORIGIN origin} mode the headers are judged by Django's rules with its bugs fixed:
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
 * {@code proxy-revalidate}. In {@link PageCacheMode#SHARED shared} mode the headers are judged by RFC 9111 section
 * 3's rules, see {@link #sharedHeaders}.
 */
final class StorePolicy {
    /**
     * Shared mode: how long a stale page stays in the backend past its freshness lifetime, to be revalidated or
     * served to requests whose {@code max-stale} accepts it.
     */
    static final Duration STALE_KEPT = Duration.ofHours(1);
    /** Status codes cacheable by default (RFC 9110 section 15.1): stored without explicit freshness. */
    private static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410,
            414, 501);
    /** The final status codes RFC 9110 defines: what this cache understands, for {@code must-understand}. */
    private static final Set<Integer> UNDERSTOOD = Set.of(200, 201, 202, 203, 204, 205, 300, 301, 302, 303, 305,
            307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421,
            422, 426, 500, 501, 502, 503, 504, 505);

    private final PageCacheSettings settings;

    StorePolicy(PageCacheSettings settings) {
        this.settings = settings;
    }

    /**
     * The decision on a finished response.
     *
     * @param tokensUnreadable whether a token counter of the page could not be read (it could never be invalidated)
     * @param nowMillis        the response time
     */
    Decision decide(RequestFacts request, ResponseFacts response, boolean tokensUnreadable, long nowMillis) {
        if (response.body() == ResponseFacts.Body.STREAMED) {
            return Decision.refuse(response.streamedBecause());
        }
        if (response.body() == ResponseFacts.Body.COMMITTED) {
            return Decision.refuse(Refusal.COMMITTED);
        }
        Decision decision = judgeHeaders(request, response, nowMillis);
        if (decision.refusal() != null) {
            return decision;
        }
        if (request.isHead()) {
            return decision.refused(Refusal.HEAD);
        }
        if (response.lengthMismatch()) {
            return decision.refused(Refusal.CONTENT_LENGTH_MISMATCH);
        }
        if (tokensUnreadable) {
            return decision.refused(Refusal.BACKEND_FAILURE);
        }
        return decision;
    }

    /**
     * At the application's first write or flush: why the response as it stands will certainly not be stored and may
     * stream at once (no header of it is to be patched), or {@code null} to keep holding the body.
     */
    Refusal refusalBeforeBody(RequestFacts request, ResponseFacts response, long nowMillis) {
        Decision decision = judgeHeaders(request, response, nowMillis);
        return decision.patchHeaders() ? null : decision.refusal();
    }

    /**
     * How long the backend keeps a page: its stale windows included, and in shared mode at least {@link #STALE_KEPT}
     * past its freshness (to be revalidated, or sent when the upstream is unreachable).
     */
    Duration retention(StoredPage page) {
        return switch (settings.mode()) {
            case ORIGIN -> Duration.ofMillis(page.retentionMillis());
            case SHARED -> Duration.ofMillis(Math.max(page.retentionMillis(),
                    Decision.saturated(page.freshMillis(), STALE_KEPT.toMillis())));
        };
    }

    /**
     * The page to store for a response the decision lets be stored: in origin mode the page as Django stores it
     * (compressed where worthwhile, with the decision's lifetime and stale windows, and the tokens it was rendered
     * under); in shared mode as received, its freshness and age from its own headers.
     *
     * @param headers           the response's header lines
     * @param body              its body; the page takes ownership of the array
     * @param requestTimeMillis when the request went down the chain
     */
    StoredPage page(ResponseFacts response, Decision decision, List<String[]> headers, byte[] body, TokenStamp tokens,
                    long requestTimeMillis, long nowMillis) {
        return switch (settings.mode()) {
            case ORIGIN -> StoredPage.of(response.status(), headers, body, nowMillis, decision.lifetime(), tokens,
                    true);
            case SHARED -> StoredPage.shared(response.status(), headers, body, nowMillis, decision.lifetime(),
                    ResponseAge.of(response.age(), response.date(), requestTimeMillis, nowMillis)
                            .correctedInitialAgeSeconds(), servableStale(response.governing()));
        };
    }

    /**
     * The stored page freshened by a 304 that revalidated it (RFC 9111 section 4.3.4): its headers updated, its
     * freshness and age computed afresh; or {@code null} when the 304 names a different strong validator, which
     * must not update it.
     *
     * @param notModifiedHeaders the 304's header lines
     */
    StoredPage freshened(StoredPage stored, ResponseFacts notModified, List<String[]> notModifiedHeaders,
                         long requestTimeMillis, long nowMillis) {
        Optional<EntityTag> etag = EntityTag.parse(notModified.etag());
        if (etag.isPresent() && !etag.get().weak() && (stored.parsedEtag(false) == null
                || !etag.get().strongMatches(stored.parsedEtag(false)))) {
            return null;
        }
        StoredPage merged = stored.refreshed(notModifiedHeaders, nowMillis, new StoredPage.Lifetime(0, 0, 0), 0,
                false);
        CacheControl targeted = TargetedCacheControl.select(settings.targetedFields(), merged::headerValues);
        CacheControl cacheControl = targeted != null ? targeted
                : CacheControl.parse(merged.headerValues("Cache-Control"));
        List<String> dates = merged.headerValues("Date");
        String date = dates.isEmpty() ? null : dates.get(0);
        Freshness freshness = Freshness.explicit(cacheControl, targeted != null ? List.of()
                        : merged.headerValues("Expires"), date, nowMillis)
                .orElseGet(() -> Freshness.heuristic(stored.lastModified(), date, nowMillis,
                        settings.heuristicLimit().getSeconds()));
        long lifetime = cacheControl.noCache() ? 0 : freshness.lifetimeSeconds();
        ResponseAge age = ResponseAge.of(notModified.age(), date, requestTimeMillis, nowMillis);
        return stored.refreshed(notModifiedHeaders, nowMillis, sharedLifetime(lifetime, cacheControl).lifetime(),
                age.correctedInitialAgeSeconds(), servableStale(cacheControl));
    }

    private Decision judgeHeaders(RequestFacts request, ResponseFacts response, long nowMillis) {
        return switch (settings.mode()) {
            case ORIGIN -> originHeaders(request, response, nowMillis);
            case SHARED -> sharedHeaders(request, response, nowMillis);
        };
    }

    private Decision originHeaders(RequestFacts request, ResponseFacts response, long nowMillis) {
        int status = response.status();
        if (status != 200 && status != 304) {
            return Decision.refuse(Refusal.STATUS);
        }
        if (response.setsCookie()) {
            return Decision.refuse(Refusal.SETS_COOKIE);
        }
        CacheControl cacheControl = response.cacheControl();
        if (cacheControl.isPrivate()) {
            return Decision.refuse(Refusal.PRIVATE);
        }
        if (cacheControl.noStore()) {
            return Decision.refuse(Refusal.NO_STORE);
        }
        if (cacheControl.noCache()) {
            return Decision.refuse(Refusal.NO_CACHE);
        }
        if (response.vary().isWildcard()) {
            return Decision.refuse(Refusal.VARY_STAR);
        }
        Refusal personal = identityRefusal(request.identity(), cacheControl, response.vary());
        if (personal != null) {
            return Decision.refuse(personal);
        }
        long seconds;
        if (settings.pageTimeout() != null) {
            seconds = settings.pageTimeout().getSeconds();
        } else {
            // the response's own freshness (an invalid max-age, or an Expires already past, means none at all)
            Optional<Freshness> own = Freshness.explicit(cacheControl, response.expires(), null, nowMillis);
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
        return new Decision(refusal == null, refusal, seconds, whileRevalidating, ifError, true);
    }

    /**
     * RFC 9111 section 3, on the governing directives (the first valid targeted field this cache obeys, such as
     * {@code CDN-Cache-Control}, in place of {@code Cache-Control} and {@code Expires}; RFC 9213), checked in this
     * order: a status that may be stored (206 and 304 never; with
     * {@code must-understand} only a status this cache understands); no {@code no-store} in the request or the
     * response (a response's {@code no-store} is ignored with {@code must-understand}, whose status is understood by
     * then); no {@code private}; no cookie set (never served across users); no {@code Vary: *}, also inside a
     * list; a request with {@code Authorization} only when the response is {@code public}, has {@code s-maxage} or
     * {@code must-revalidate}; a request with a principal or a session by the identity rule (the application's own
     * pages); then the lifetime: {@code s-maxage}, {@code max-age}, {@code Expires} minus
     * {@code Date}; without one, a heuristically cacheable status (or {@code public}) gets the heuristic lifetime if
     * enabled. A response with {@code no-cache} gets lifetime zero: it is stored only to be revalidated. A response
     * of lifetime zero is stored only when it has a validator; one with neither freshness nor a cacheable status is
     * not stored. Headers are never patched; the stale windows are the response's own {@code stale-while-revalidate}
     * and {@code stale-if-error} (RFC 5861), none for a response that may not be served stale.
     */
    private Decision sharedHeaders(RequestFacts request, ResponseFacts response, long nowMillis) {
        int status = response.status();
        if (status == 206 || status < 200) {
            return Decision.refuse(Refusal.STATUS);
        }
        if (status == 304) {
            return Decision.refuse(Refusal.NOT_MODIFIED);
        }
        CacheControl cacheControl = response.governing();
        if (cacheControl.mustUnderstand() && !UNDERSTOOD.contains(status)) {
            return Decision.refuse(Refusal.STATUS);
        }
        // must-understand with a status this cache understands overrides no-store (RFC 9111 section 5.2.2.3)
        if (cacheControl.noStore() && !cacheControl.mustUnderstand() || request.directives().noStore()) {
            return Decision.refuse(Refusal.NO_STORE);
        }
        if (cacheControl.isPrivate()) {
            return Decision.refuse(Refusal.PRIVATE);
        }
        if (response.setsCookie()) {
            return Decision.refuse(Refusal.SETS_COOKIE);
        }
        if (response.vary().isWildcard()) {
            return Decision.refuse(Refusal.VARY_STAR);
        }
        RequestIdentity identity = request.identity();
        if (identity.authorization() && !cacheControl.isPublic() && !cacheControl.has("s-maxage")
                && !cacheControl.mustRevalidate()) {
            return Decision.refuse(Refusal.AUTHORIZATION);
        }
        Refusal personal = identityRefusal(identity.withoutAuthorization(), cacheControl, response.vary());
        if (personal != null) {
            return Decision.refuse(personal);
        }
        Optional<Freshness> explicit = Freshness.explicit(cacheControl, response.governingExpires(),
                response.date(), nowMillis);
        Freshness freshness;
        if (explicit.isPresent()) {
            freshness = explicit.get();
        } else if (HEURISTICALLY_CACHEABLE.contains(status) || cacheControl.isPublic()) {
            freshness = Freshness.heuristic(response.lastModified(), response.date(), nowMillis,
                    settings.heuristicLimit().getSeconds());
        } else {
            return Decision.refuse(Refusal.STATUS);
        }
        long lifetime = cacheControl.noCache() ? 0 : freshness.lifetimeSeconds();
        if (lifetime == 0 && response.etag() == null && response.lastModified() == null) {
            return Decision.refuse(cacheControl.noCache() ? Refusal.NO_CACHE : Refusal.ZERO_LIFETIME);
        }
        return sharedLifetime(lifetime, cacheControl);
    }

    /**
     * A shared response stored with this lifetime and the stale windows its own {@code stale-while-revalidate} and
     * {@code stale-if-error} give (RFC 5861), none when it may not be served stale at all.
     */
    private static Decision sharedLifetime(long lifetimeSeconds, CacheControl cacheControl) {
        boolean stale = servableStale(cacheControl);
        return new Decision(true, null, lifetimeSeconds, stale ? cacheControl.staleWhileRevalidate().orElse(0) : 0,
                stale ? cacheControl.staleIfError().orElse(0) : 0, false);
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
        List<String> names = vary.names().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (identity.mayShare(shareable, names)) {
            return null;
        }
        return identity.withoutAuthorization().mayShare(shareable, names) ? Refusal.AUTHORIZATION
                : Refusal.IDENTITY;
    }

    /**
     * Whether a response with this {@code Cache-Control} may be served stale by a shared cache at all: not with
     * {@code must-revalidate}, {@code proxy-revalidate}, {@code s-maxage} (which implies it) or {@code no-cache}.
     */
    static boolean servableStale(CacheControl cacheControl) {
        return !cacheControl.mustRevalidate() && !cacheControl.proxyRevalidate() && !cacheControl.has("s-maxage")
                && !cacheControl.noCache();
    }

    /**
     * A decision.
     *
     * @param store                       whether the response is stored
     * @param refusal                     why not, to be counted; {@code null} when stored, or when nothing was to
     *                                    be stored in the first place
     * @param lifetimeSeconds             how long it is fresh, and the timeout for Django's
     *                                    {@code patch_response_headers}
     * @param staleWhileRevalidateSeconds how long past that it may be sent while its successor renders
     * @param staleIfErrorSeconds         how long past that it may be sent in place of a failed render
     * @param patchHeaders                whether {@code Expires} and {@code max-age} are to be patched in
     */
    record Decision(boolean store, Refusal refusal, long lifetimeSeconds, long staleWhileRevalidateSeconds,
                    long staleIfErrorSeconds, boolean patchHeaders) {
        /** Not stored, headers untouched ({@code refusal} may be {@code null}: nothing to count). */
        static Decision refuse(Refusal refusal) {
            return new Decision(false, refusal, 0, 0, 0, false);
        }

        /**
         * Whether the response declared itself unstorable in its headers ({@code private}, {@code no-store},
         * {@code no-cache}, a cookie, {@code Vary: *}, a zero lifetime): what the page's next renders are likely to
         * declare too, so they may go straight through ({@link Refusal#PASSED}). Not for refusals of this request
         * or this render only (its method, its user, a status, a size, a failure).
         */
        boolean declaresUnstorable() {
            return refusal != null && switch (refusal) {
                case SETS_COOKIE, PRIVATE, NO_STORE, NO_CACHE, VARY_STAR, ZERO_LIFETIME -> true;
                default -> false;
            };
        }

        /** This decision, headers still patched, but the response not stored. */
        Decision refused(Refusal reason) {
            return new Decision(false, reason, lifetimeSeconds, staleWhileRevalidateSeconds, staleIfErrorSeconds,
                    patchHeaders);
        }

        /** The page's lifetimes in milliseconds, saturating rather than overflowing. */
        StoredPage.Lifetime lifetime() {
            return new StoredPage.Lifetime(millis(lifetimeSeconds), millis(staleWhileRevalidateSeconds),
                    millis(staleIfErrorSeconds));
        }

        static long millis(long seconds) {
            return seconds >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        }

        /** {@code a + b} for non-negative millisecond counts, saturating rather than overflowing. */
        static long saturated(long a, long b) {
            return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
        }
    }
}
