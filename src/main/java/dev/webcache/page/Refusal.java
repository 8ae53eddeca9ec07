package dev.webcache.page;

/**
 * Why a response to a page-cache miss was not stored. Counted per reason in {@link PageCacheStatistics}; every
 * refused response reaches its client as the application wrote it.
 */
public enum Refusal {
    /** A HEAD request: answered from a stored GET page when there is one, never stored itself. */
    HEAD,
    /**
     * A status other than 200 (origin mode stores 200 only), an error sent with {@code sendError}, or a render that
     * threw.
     */
    STATUS,
    /** 304 Not Modified: it gets {@code Expires} and {@code max-age} like a 200 but is not stored. */
    NOT_MODIFIED,
    /** The response sets a cookie: it goes to its own client only, never to another one. */
    SETS_COOKIE,
    /** {@code Cache-Control: private}. */
    PRIVATE,
    /** {@code Cache-Control: no-store}. */
    NO_STORE,
    /** {@code Cache-Control: no-cache}. */
    NO_CACHE,
    /** {@code Vary: *}: no request can be matched to it (RFC 9111 section 4.1). */
    VARY_STAR,
    /**
     * The request carried {@code Authorization} and the response is neither {@code public} nor has
     * {@code s-maxage} (in shared mode: nor {@code must-revalidate}), nor, in origin mode, varies on
     * {@code Authorization}.
     */
    AUTHORIZATION,
    /**
     * The request was a user's (an authenticated principal, or an HTTP session it named or the render created) and
     * the response is neither {@code public} nor has {@code s-maxage}, nor varies on {@code Cookie} (or, for a
     * principal, {@code Authorization}): it may be personal, so it went to that user only.
     */
    IDENTITY,
    /** A lifetime of zero: {@code max-age=0} or {@code s-maxage=0}, or a zero timeout. */
    ZERO_LIFETIME,
    /** The body grew past {@code max-entry-size}; it was streamed to the client. */
    TOO_LARGE,
    /** The response was produced asynchronously ({@code startAsync} or non-blocking output). */
    ASYNC,
    /** The application declared a {@code Content-Length} that its body does not have. */
    CONTENT_LENGTH_MISMATCH,
    /** The response uses trailer fields, which a stored page cannot replay. */
    TRAILERS,
    /** The response was committed by something that bypassed the page cache. */
    COMMITTED,
    /** The page was invalidated while this response was being rendered. */
    INVALIDATED,
    /** The cache backend failed (or a token counter could not be read); the page was served uncached. */
    BACKEND_FAILURE,
    /** The request waited {@code lock-timeout} for another render of its page, then rendered it without storing. */
    LOCK_TIMEOUT,
    /**
     * Not captured at all: the page's last render, moments before (ten seconds at most), declared itself unstorable
     * ({@link #SETS_COOKIE}, {@link #PRIVATE}, {@link #NO_STORE}, {@link #NO_CACHE}, {@link #VARY_STAR},
     * {@link #ZERO_LIFETIME}) and no stored page could stand in for a failure, so the response went straight to its
     * client (Varnish's hit-for-pass).
     */
    PASSED
}
