package dev.webcache.docs.pagecache;

import dev.webcache.annotation.CachePage;
import dev.webcache.cache.Caches;
import dev.webcache.page.PageTokens;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

// doc:page-tokens
@WebServlet("/movies")
@CachePage(timeout = 3600, tokens = {"movies"})              // every page of this servlet
public class MoviesServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        // or while rendering, from any servlet or JSP behind a page-cache filter, before reading the data:
        PageTokens.add(request, "movies", "movie:" + id);
        response.getWriter().print("movie " + id + " rendered at " + Instant.now());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        // when the data changes:
        TokenCounters.of(Caches.from(getServletContext()).getDefault()).incr("movies");
    }
}
// end:page-tokens
