package dev.webcache.filter.privacy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A locale filter as Java applications write them: it wraps the request so that {@code Accept-Language} comes from
 * the {@code lang} cookie when there is one, and the page varies on {@code Accept-Language}.
 */
public class LanguageFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String lang = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals("lang")) {
                    lang = cookie.getValue();
                }
            }
        }
        response.setHeader("Vary", "Accept-Language");
        if (lang == null) {
            chain.doFilter(request, response);
            return;
        }
        String chosen = lang;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return name.equalsIgnoreCase("Accept-Language") ? chosen : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return name.equalsIgnoreCase("Accept-Language") ? Collections.enumeration(java.util.List.of(chosen))
                        : super.getHeaders(name);
            }
        }, response);
    }
}
