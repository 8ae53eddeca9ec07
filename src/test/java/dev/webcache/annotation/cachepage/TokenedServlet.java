package dev.webcache.annotation.cachepage;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Cached for ten minutes unless the {@code catalog} token's counter moves; counts its renders. */
@WebServlet(name = "catalog", urlPatterns = "/catalog")
@CachePage(timeout = 600, tokens = "catalog")
public class TokenedServlet extends HttpServlet {
    private final AtomicLong renders = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("catalog render=" + renders.incrementAndGet());
    }
}
