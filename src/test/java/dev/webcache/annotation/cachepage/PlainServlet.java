package dev.webcache.annotation.cachepage;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** No annotation: only the site-wide filter caches it. */
@WebServlet("/plain")
public class PlainServlet extends HttpServlet {
    private final AtomicLong renders = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("plain render=" + renders.incrementAndGet());
    }
}
