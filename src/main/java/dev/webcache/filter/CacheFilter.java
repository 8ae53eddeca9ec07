package dev.webcache.filter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The whole-page cache in one filter (Django's {@code CacheMiddleware}): answers GET and HEAD from a stored page,
 * or renders the page and stores it when the store policy allows. For simple sites; when other filters add
 * {@code Vary} headers or shape the request, use {@link UpdateCacheFilter} (first) and {@link FetchFromCacheFilter}
 * (last) instead. Init-params: see {@link PageCacheFilter}.
 */
public class CacheFilter extends PageCacheFilter {
    @Override
    boolean supportsSharedMode() {
        return true;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        engine().cache(request, response, chain);
    }
}
