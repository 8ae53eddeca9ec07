package dev.webcache.docs;

import dev.webcache.cache.Cache;
import dev.webcache.cache.Caches;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The low-level API quick start of the README and docs/low-level-api.md, run by {@code DocSamplesTest}. */
public class QuickStartServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Report report = buildReport();
        Map<String, String> settings = Map.of("theme", "dark");
        String schema = "v1";
        // doc:quick-start
        Caches caches = Caches.from(getServletContext());   // in a web app
        Cache cache = caches.getDefault();                   // caches.get("default"): the same instance every time

        cache.set("greeting", "hello");                      // default timeout (300 s unless configured)
        cache.set("report", report, Duration.ofMinutes(10));
        cache.set("settings", settings, Cache.FOREVER);      // never expires
        String greeting = cache.get("greeting");             // null on a miss
        String g = cache.get("greeting", "fallback");        // the default only on a miss; a stored null is a hit
        boolean added = cache.add("lock", "me");             // only when absent (or expired)
        Report r = cache.getOrSet("report", this::buildReport, Duration.ofMinutes(10));
        cache.add("visits", 0L, Cache.FOREVER);
        long visits = cache.incr("visits");                  // atomic, keeps the entry's expiry
        cache.set("schema", schema);
        int next = cache.incrVersion("schema");              // moves the value (and its expiry) to the next version
        String moved = cache.version(next).get("schema");    // a view at another version
        // end:quick-start
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(greeting + " " + g + " " + added + " " + r.month() + " " + visits + " " + moved);
    }

    private Report buildReport() {
        return new Report("2026-12", 42);
    }
}
