package dev.webcache.http;

/**
 * What a request asks of a cache (RFC 9111 section 5.2.1), read from its {@code Cache-Control}, or from
 * {@code Pragma: no-cache} when it has none (section 5.4), and the decision whether a stored response may answer
 * it. Unknown directives are ignored.
 */
public final class RequestDirectives {
    /** A request with no directives. */
    public static final RequestDirectives NONE = new RequestDirectives(CacheControl.EMPTY);

    /** How a stored response may be used for a request. */
    public enum Use {
        /** Fresh enough for the request: serve it. */
        FRESH,
        /** Stale, but within what the request's {@code max-stale} accepts and the response allows: serve it. */
        STALE_ACCEPTED,
        /** Not usable without a successful validation with the origin. */
        VALIDATE
    }

    private final CacheControl cacheControl;

    private RequestDirectives(CacheControl cacheControl) {
        this.cacheControl = cacheControl;
    }

    /**
     * The directives of a request.
     *
     * @param cacheControlLines its {@code Cache-Control} field lines (none: an empty list or {@code null})
     * @param pragmaLines       its {@code Pragma} field lines, consulted only when there is no {@code Cache-Control}
     */
    public static RequestDirectives of(Iterable<String> cacheControlLines, Iterable<String> pragmaLines) {
        String cacheControl = HeaderSyntax.join(cacheControlLines);
        if (cacheControl != null) {
            return new RequestDirectives(CacheControl.parse(cacheControl));
        }
        String pragma = HeaderSyntax.join(pragmaLines);
        if (pragma != null && HeaderSyntax.splitList(pragma).stream().anyMatch("no-cache"::equalsIgnoreCase)) {
            return new RequestDirectives(CacheControl.builder().noCache().build());
        }
        return NONE;
    }

    /** The request's {@code Cache-Control} as parsed. */
    public CacheControl cacheControl() {
        return cacheControl;
    }

    /** {@code no-store}: neither the request nor its response may be stored. */
    public boolean noStore() {
        return cacheControl.noStore();
    }

    /** {@code only-if-cached}: answer from the cache or with 504, never from the origin. */
    public boolean onlyIfCached() {
        return cacheControl.onlyIfCached();
    }

    /**
     * How a stored response may answer this request.
     *
     * @param freshness         the stored response's freshness lifetime
     * @param currentAgeSeconds its current age
     * @param mayServeStale     whether the response allows being served stale at all (no {@code must-revalidate},
     *                          {@code proxy-revalidate}, {@code s-maxage} or {@code no-cache})
     */
    public Use use(Freshness freshness, long currentAgeSeconds, boolean mayServeStale) {
        if (cacheControl.noCache()) {
            return Use.VALIDATE;
        }
        var maxAge = cacheControl.maxAge();
        if (maxAge.isPresent() && currentAgeSeconds > maxAge.getAsLong()) {
            return Use.VALIDATE;
        }
        long lifetime = freshness.lifetimeSeconds();
        if (freshness.isFreshAt(currentAgeSeconds)) {
            var minFresh = cacheControl.minFresh();
            return minFresh.isPresent() && lifetime - currentAgeSeconds < minFresh.getAsLong()
                    ? Use.VALIDATE : Use.FRESH;
        }
        var maxStale = cacheControl.maxStale();
        if (mayServeStale && maxStale.isPresent() && currentAgeSeconds - lifetime <= maxStale.getAsLong()) {
            return Use.STALE_ACCEPTED;
        }
        return Use.VALIDATE;
    }
}
