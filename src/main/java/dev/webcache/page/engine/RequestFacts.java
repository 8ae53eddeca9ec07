package dev.webcache.page.engine;

import dev.webcache.http.RequestDirectives;

/**
 * What the page cache's decisions need to know of a request, read once from the servlet request: an immutable
 * snapshot, so that a decision never reads a live object and a table of them needs no container.
 *
 * @param method     the request method
 * @param identity   what identifies its user (see {@link RequestIdentity})
 * @param directives its {@code Cache-Control} and {@code Pragma} directives; read in shared mode only, as origin
 *                   mode ignores them ({@link RequestDirectives#NONE})
 */
record RequestFacts(String method, RequestIdentity identity, RequestDirectives directives) {
    boolean isHead() {
        return "HEAD".equals(method);
    }
}
