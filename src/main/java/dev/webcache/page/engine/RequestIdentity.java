package dev.webcache.page.engine;

import java.util.Collection;

/**
 * What identifies the user a request is for, as far as the page cache must know (DESIGN.md's identity rule): an
 * {@code Authorization} header, an authenticated principal, an HTTP session. A response rendered for such a request
 * may be personal, so it is shared with other requests only when it declares itself shareable ({@code public},
 * {@code s-maxage}) or varies on what identifies the user, and is then keyed per user: {@code Vary: Authorization}
 * for an {@code Authorization} header, {@code Vary: Cookie} for a session (its cookie), either for a principal.
 * The same rule decides both whether such a response is stored and whether a stored page is
 * served to such a request, so a logged-in user never gets the page stored for an anonymous one either.
 *
 * @param authorization whether the request carries {@code Authorization}
 * @param principal     whether the container (or a filter wrapping the request) names an authenticated user
 * @param session       whether the request belongs to an HTTP session: one it named that exists, or, after a
 *                      render, one the render created
 */
record RequestIdentity(boolean authorization, boolean principal, boolean session) {
    /** A request that carries no identity. */
    static final RequestIdentity ANONYMOUS = new RequestIdentity(false, false, false);

    /** The identity of a request with these facts. */
    static RequestIdentity of(boolean authorization, boolean principal, boolean session) {
        return authorization || principal || session ? new RequestIdentity(authorization, principal, session)
                : ANONYMOUS;
    }

    boolean isAnonymous() {
        return !authorization && !principal && !session;
    }

    /** The same facts without {@code Authorization}, which shared mode judges by RFC 9111's own rule. */
    RequestIdentity withoutAuthorization() {
        return of(false, principal, session);
    }

    /**
     * Whether a response (or a stored page) may be shared with this request's user and others alike.
     *
     * @param declaredShareable whether its {@code Cache-Control} has {@code public} or {@code s-maxage}
     * @param varyNames         the header names its {@code Vary} lists, lowercase
     */
    boolean mayShare(boolean declaredShareable, Collection<String> varyNames) {
        if (isAnonymous() || declaredShareable) {
            return true;
        }
        boolean keyedOnAuthorization = varyNames.contains("authorization");
        boolean keyedOnCookie = varyNames.contains("cookie");
        if (authorization && !keyedOnAuthorization || session && !keyedOnCookie) {
            return false;
        }
        // a principal comes from the session cookie or from the Authorization header; either key separates users
        return !principal || keyedOnCookie || authorization && keyedOnAuthorization;
    }
}
