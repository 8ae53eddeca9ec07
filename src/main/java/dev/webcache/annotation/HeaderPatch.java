package dev.webcache.annotation;

import dev.webcache.http.CacheControl;
import dev.webcache.http.VaryHeaders;

/**
 * What the annotations of one servlet method add to its responses: directives to merge into {@code Cache-Control},
 * whether {@code Expires} is set to now when the servlet sets none ({@link NeverCache}), and names for {@code Vary}.
 */
record HeaderPatch(CacheControl cacheControl, boolean expiresNow, VaryHeaders vary) {
    static final HeaderPatch NONE = new HeaderPatch(CacheControl.EMPTY, false, VaryHeaders.NONE);

    boolean isEmpty() {
        return cacheControl.isEmpty() && !expiresNow && vary.isEmpty();
    }
}
