package dev.webcache.page;

import dev.webcache.page.store.RenderTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Marks the page being rendered with tokens, from the servlet or JSP that renders it: the stored page is stale as
 * soon as the sum of the tokens' counters changes, through the same counters as {@code <cache:icache>}, so one
 * {@code TokenCounters.of(caches.getDefault()).incr("movies")} invalidates pages and fragments alike. Call it before
 * reading the data the tokens guard: the counters are read at the call, so a change made during the rest of the
 * render still makes the page stale. {@code @CachePage(tokens = ...)} does the same for a whole servlet.
 *
 * <pre>
 * PageTokens.add(request, "movies", "movie:" + id);
 * Movie movie = movies.find(id);
 * </pre>
 */
public final class PageTokens {
    private PageTokens() {
    }

    /** Adds tokens to the page this request renders; does nothing when no page cache is rendering it. */
    public static void add(HttpServletRequest request, String... tokens) {
        if (request.getAttribute(RenderTokens.ATTRIBUTE) instanceof RenderTokens rendering) {
            rendering.add(List.of(tokens));
        }
    }
}
