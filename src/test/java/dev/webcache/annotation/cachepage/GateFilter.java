package dev.webcache.annotation.cachepage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An authentication filter's stand-in: 403 unless the request carries {@code X-Member: yes}. */
public class GateFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("yes".equals(request.getHeader("X-Member"))) {
            chain.doFilter(request, response);
        } else {
            response.sendError(403);
        }
    }
}
