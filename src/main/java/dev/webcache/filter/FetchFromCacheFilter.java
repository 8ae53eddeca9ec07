package dev.webcache.filter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The request half of the page cache (Django's {@code FetchFromCacheMiddleware}). Map it last, after the filters
 * that shape the request (authentication, locale...): it answers GET and HEAD from a stored page, or lets the
 * request through and tells {@link UpdateCacheFilter} to store the response. Alone it only serves what is stored.
 * Give it the same {@code cache} and {@code key-prefix} as its {@link UpdateCacheFilter}.
 */
public class FetchFromCacheFilter extends PageCacheFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        engine().fetch(request, response, chain);
    }
}
