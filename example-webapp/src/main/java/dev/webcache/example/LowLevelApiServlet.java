package dev.webcache.example;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/** Shows the low-level API: an atomic visit counter and a value computed once and then read from the cache. */
@WebServlet("/low-level")
public class LowLevelApiServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caches caches = Caches.from(getServletContext());
        Cache cache = caches.getDefault();
        cache.add("example:visits", 0L, Cache.FOREVER);
        long visits = cache.incr("example:visits");
        String computedAt = cache.getOrSet("example:computed-at", () -> java.time.Instant.now().toString(),
                Duration.ofSeconds(30));

        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Low-level API</title></head><body>");
        out.println("<h1>Low-level cache API</h1>");
        out.println("<p>Configured caches: <code>" + caches.aliases() + "</code></p>");
        out.println("<p id=\"visits\">Visits (cache.incr): " + visits + "</p>");
        out.println("<p id=\"computed\">Computed at (cache.getOrSet, 30 s): " + computedAt + "</p>");
        out.println("<p><a href=\"" + request.getContextPath() + "/\">Back</a></p></body></html>");
    }
}
