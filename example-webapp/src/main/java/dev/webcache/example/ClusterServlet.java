package dev.webcache.example;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * Shows the cluster tier: which backend the default cache uses, a counter every instance increments, and which
 * instance served the previous visit. Started twice with the Maven profile {@code cluster}, both instances share
 * the counter and the last-visit note.
 */
@WebServlet("/cluster")
public class ClusterServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Cache cache = Caches.from(getServletContext()).getDefault();
        String me = "the instance on port " + request.getLocalPort();
        cache.add("cluster:visits", 0L, Cache.FOREVER);
        long visits = cache.incr("cluster:visits");
        String previous = cache.get("cluster:last-visit", "nobody yet");
        cache.set("cluster:last-visit", me + " at " + Instant.now(), Cache.FOREVER);

        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Cluster tier</title></head><body>");
        out.println("<h1>Cluster tier (Hazelcast)</h1>");
        out.println("<p id=\"backend\">Backend of the default cache: <code>" + cache.settings().backend() + "</code></p>");
        out.println("<p id=\"served-by\">Served by " + me + ".</p>");
        out.println("<p id=\"visits\">Visits counted by all instances together (cache.incr): " + visits + "</p>");
        out.println("<p id=\"previous\">Previous visit: " + escape(previous) + "</p>");
        out.println("<p>With the backend <code>ehcache</code> each instance counts alone. Start two instances with the"
                + " Maven profile <code>cluster</code> (see the README) and reload this page on both ports.</p>");
        out.println("<p><a href=\"" + request.getContextPath() + "/\">Back</a></p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
