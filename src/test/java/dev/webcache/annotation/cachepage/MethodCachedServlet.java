package dev.webcache.annotation.cachepage;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code @CachePage} on {@code doGet}, with its own key prefix. */
@WebServlet("/method")
public class MethodCachedServlet extends HttpServlet {
    private final AtomicLong renders = new AtomicLong();

    @Override
    @CachePage(timeout = 10, keyPrefix = "m")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("method render=" + renders.incrementAndGet());
    }
}
