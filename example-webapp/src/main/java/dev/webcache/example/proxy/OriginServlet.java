package dev.webcache.example.proxy;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The origin behind the demo's caching reverse proxy: a page that a shared cache may keep for 20 seconds
 * ({@code s-maxage}) while browsers must not ({@code max-age=0}), with an {@code ETag} so that the cache revalidates
 * it afterwards and gets a 304 until the page changes. A POST changes it (and, passing through the cache, evicts it).
 */
@WebServlet("/origin/*")
public class OriginServlet extends HttpServlet {
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicLong version = new AtomicLong(1);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String etag = "\"v" + version.get() + "\"";
        response.setHeader("Cache-Control", "public, s-maxage=20, max-age=0");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            notModified.incrementAndGet();
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Shared-mode proxy</title>"
                + "</head><body><h1>webcache as a caching reverse proxy</h1>");
        out.println("<p>This page comes from <code>/origin" + (request.getPathInfo() == null ? "/"
                : request.getPathInfo()) + "</code> through Jetty's <code>ProxyServlet</code> behind"
                + " <code>CacheFilter mode=shared</code>. The origin sends <code>Cache-Control: public, s-maxage=20,"
                + " max-age=0</code> and <code>ETag: " + etag + "</code>.</p>");
        out.println("<p id=\"rendered\">Rendered by the origin at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                + " (full render #" + renders.incrementAndGet() + ", 304 answers so far: " + notModified.get()
                + ")</p>");
        out.println("<p>Reload: for 20 seconds the proxy answers from its store (see the <code>Age</code> response"
                + " header); then it revalidates with <code>If-None-Match</code>, the origin answers 304 and the"
                + " stored page is sent again, its headers refreshed.</p>");
        out.println("<form method=\"post\"><button>Change the page (POST)</button></form>");
        out.println("</body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        version.incrementAndGet();
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<title>Changed</title></head><body><p>Changed. The POST went through the cache, which evicted"
                + " the page: <a href=\"\">see it</a>.</p></body></html>");
    }
}
