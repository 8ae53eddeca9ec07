package dev.webcache.docs.pagecache;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

// doc:cache-page
@WebServlet("/news")
@CachePage(timeout = 900)                 // cache = "default", keyPrefix = "" unless given
public class NewsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("news rendered at " + Instant.now());
    }
}
// end:cache-page
