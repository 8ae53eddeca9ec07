package dev.webcache.filter.privacy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/** Token authentication as a filter: {@code X-Api-Token: carol} makes the request carol's (a principal). */
public class TokenPrincipalFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String token = request.getHeader("X-Api-Token");
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        Principal user = () -> token;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return user;
            }

            @Override
            public String getRemoteUser() {
                return token;
            }
        }, response);
    }
}
