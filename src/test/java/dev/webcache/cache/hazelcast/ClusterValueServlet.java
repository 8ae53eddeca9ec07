package dev.webcache.cache.hazelcast;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads, writes or increments one key of the default cache: {@code /value?key=k}, {@code /value?key=k&set=v},
 * {@code /value?key=k&incr=1}. Answers the value, or {@code (none)}.
 */
public class ClusterValueServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Cache cache = Caches.from(getServletContext()).getDefault();
        String key = request.getParameter("key");
        Object value;
        if (request.getParameter("set") != null) {
            cache.set(key, request.getParameter("set"), Cache.FOREVER);
            value = cache.get(key);
        } else if (request.getParameter("incr") != null) {
            cache.add(key, 0L, Cache.FOREVER);
            value = cache.incr(key, Long.parseLong(request.getParameter("incr")));
        } else {
            value = cache.get(key, "(none)");
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(value);
    }
}
