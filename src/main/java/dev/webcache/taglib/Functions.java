package dev.webcache.taglib;

import dev.webcache.cache.Caches;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.jsp.PageContext;

/**
 * The taglib's EL functions: {@code ${cache:fragmentKey('sidebar', [user.id, lang])}} and
 * {@code ${cache:tokenSum(pageContext, 'movies, books')}}.
 */
public final class Functions {
    private Functions() {
    }

    /** The key {@code <cache:fragment name="..." vary="...">} stores under (vary: one value or a collection). */
    public static String fragmentKey(String name, Object vary) {
        return FragmentKeys.of(name, TagValues.varyValues(vary));
    }

    /**
     * The sum of the tokens' counters in the {@code default} cache (the version {@code <cache:icache>} uses); 0
     * when the cache fails, which is logged at most once a minute.
     */
    public static long tokenSum(PageContext pageContext, Object tokens) {
        Caches caches = Caches.from(pageContext.getServletContext());
        try {
            return TokenCounters.of(caches.getDefault()).sum(TagValues.tokens(tokens));
        } catch (RuntimeException e) {
            FailureLog.warn(caches, "cache:tokenSum: the cache failed, so the sum reads 0: " + e, e);
            return 0;
        }
    }
}
