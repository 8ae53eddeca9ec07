package dev.webcache.annotation.cachepage;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts renders per URI; cached for 30 s by its annotation although it tells clients {@code max-age=5}. */
@WebServlet("/cached/*")
@CachePage(timeout = 30)
public class CachedPageServlet extends HttpServlet {
    private final Map<String, AtomicLong> renders = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "max-age=5");
        response.setContentType("text/plain");
        response.getWriter().print("cached render=" + renders.computeIfAbsent(request.getRequestURI(), uri -> new AtomicLong())
                .incrementAndGet() + " " + request.getRequestURI()
                + " lang=" + request.getHeader("Accept-Language"));
    }
}
