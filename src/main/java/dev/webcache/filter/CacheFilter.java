package dev.webcache.filter;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCaching;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The whole-page cache in one filter (Django's {@code CacheMiddleware}): answers GET and HEAD from a stored page,
 * or renders the page and stores it when the store policy allows. For simple sites; when other filters add
 * {@code Vary} headers or shape the request, use {@link UpdateCacheFilter} (first) and {@link FetchFromCacheFilter}
 * (last) instead. Init-params: {@code cache}, {@code timeout}, {@code key-prefix}, {@code max-entry-size},
 * {@code mode}.
 */
public class CacheFilter extends HttpFilter {
    private transient PageCaching engine;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        engine = FilterSettings.engine(config);
    }

    /** The page cache this filter stores into (for invalidation and statistics). */
    public PageCache pageCache() {
        return engine.pageCache();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        engine.cache(request, response, chain);
    }
}
