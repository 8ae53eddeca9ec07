package dev.webcache.web;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Counts its visits in the default cache, through the registry the web start-up published. */
public class CounterServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caches caches = Caches.from(getServletContext());
        Cache cache = caches.getDefault();
        cache.add("visits", 0L, Cache.FOREVER);
        long visits = cache.incr("visits");
        response.setContentType("text/plain");
        response.getWriter().print("caches=" + caches.aliases() + " visits=" + visits);
    }
}
