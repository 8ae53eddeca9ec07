package dev.webcache.cache.hazelcast;

import dev.webcache.cache.Caches;
import dev.webcache.memo.Memoizer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /memo?k=3} answers {@code memo=3}, memoized in the default cache under {@code m3}. */
public class MemoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String k = request.getParameter("k");
        String value = Memoizer.of(Caches.from(getServletContext()).getDefault()).memoize("m" + k, () -> "memo=" + k);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(value);
    }
}
