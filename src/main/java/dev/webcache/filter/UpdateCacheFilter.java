package dev.webcache.filter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The response half of the page cache (Django's {@code UpdateCacheMiddleware}). Map it first, before every filter
 * that may add a {@code Vary} header or otherwise change the response: it holds the body while the rest of the
 * chain runs, then stores the response, with the final headers, if {@link FetchFromCacheFilter} missed on this
 * request. Alone it never stores. Init-params: see {@link PageCacheFilter}; give both halves the same ones.
 */
public class UpdateCacheFilter extends PageCacheFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        engine().update(request, response, chain);
    }
}
