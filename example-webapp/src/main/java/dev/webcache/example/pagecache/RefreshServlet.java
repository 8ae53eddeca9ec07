package dev.webcache.example.pagecache;

import dev.webcache.page.PageCache;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Invalidates the cached page-cache demo pages (a POST: never cached), then sends the browser back to one. */
@WebServlet("/page-cache/refresh")
public class RefreshServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getContextPath() + "/page-cache/";
        PageCache pages = PageCache.from(getServletContext());
        pages.invalidate(request, base + "index.jsp");
        pages.invalidate(request, base + "annotated");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", base + "index.jsp");
    }
}
