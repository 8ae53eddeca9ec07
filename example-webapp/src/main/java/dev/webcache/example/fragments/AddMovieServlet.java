package dev.webcache.example.fragments;

import dev.webcache.cache.Caches;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Adds a movie, then bumps the {@code movies} token so that every fragment carrying it (the cached movie list)
 * renders afresh on the next request, and redirects back to the list.
 */
@WebServlet("/fragments/movies/add")
public class AddMovieServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String title = request.getParameter("title");
        if (title != null && !title.isBlank()) {
            MovieCatalog catalog = (MovieCatalog) getServletContext().getAttribute(MovieCatalog.ATTRIBUTE);
            catalog.add(title.strip());
            TokenCounters.of(Caches.from(getServletContext()).getDefault()).incr("movies");
        }
        String user = request.getParameter("user");
        String query = user == null || user.isEmpty() ? "" : "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/fragments/movies.jsp" + query);
    }
}
