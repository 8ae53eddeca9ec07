package dev.webcache.page.engine;

import dev.webcache.http.CacheControl;
import dev.webcache.http.VaryHeaders;
import dev.webcache.page.Refusal;
import java.util.List;

/**
 * What the store decision needs to know of a response as the application produced it, read once from the capture:
 * an immutable snapshot of its status, the headers that decide storing, and what became of its body.
 *
 * @param status          the status
 * @param cacheControl    its {@code Cache-Control}, all lines parsed as one
 * @param targeted        shared mode: the directives of the first targeted field (RFC 9213, such as
 *                        {@code CDN-Cache-Control}) this cache obeys that it carries with a valid value, which
 *                        replace {@code Cache-Control} and {@code Expires}; else {@code null}
 * @param vary            its {@code Vary}, all lines parsed as one
 * @param setsCookie      whether it sets a cookie ({@code addCookie}, {@code Set-Cookie} or {@code Set-Cookie2})
 * @param expires         its {@code Expires} lines
 * @param date            its {@code Date}, or {@code null}
 * @param lastModified    its {@code Last-Modified}, or {@code null}
 * @param etag            its {@code ETag}, or {@code null}
 * @param age             its {@code Age} lines joined, or {@code null}
 * @param body            what became of the body
 * @param streamedBecause when the body is streaming already, why ({@code null}: nothing was to be stored anyway)
 * @param lengthMismatch  whether a declared {@code Content-Length} differs from the body held
 */
record ResponseFacts(int status, CacheControl cacheControl, CacheControl targeted, VaryHeaders vary,
                     boolean setsCookie, List<String> expires, String date, String lastModified, String etag,
                     String age, Body body, Refusal streamedBecause, boolean lengthMismatch) {
    ResponseFacts {
        expires = List.copyOf(expires);
    }

    /**
     * A response whose body streams to its client already: nothing about it is left to decide but why it streams,
     * so its headers are not read.
     */
    static ResponseFacts streamed(int status, Refusal because) {
        return new ResponseFacts(status, CacheControl.EMPTY, null, VaryHeaders.NONE, false, List.of(), null, null,
                null, null, Body.STREAMED, because, false);
    }

    /** The directives that decide storing and freshness in shared mode: the targeted field's, else its own. */
    CacheControl governing() {
        return targeted != null ? targeted : cacheControl;
    }

    /** The {@code Expires} lines that count: none when a targeted field governs. */
    List<String> governingExpires() {
        return targeted != null ? List.of() : expires;
    }

    /** What became of a response's body by the time of a decision. */
    enum Body {
        /** Held whole by the capture: it can still be stored and its headers patched. */
        HELD,
        /** Streaming to the client (too large, refused early, non-blocking output, trailers, an error page). */
        STREAMED,
        /** Held, but the response was committed by something that went around the capture. */
        COMMITTED
    }
}
