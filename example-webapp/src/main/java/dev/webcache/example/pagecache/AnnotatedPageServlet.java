package dev.webcache.example.pagecache;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/** A page cached for 20 seconds by {@code @CachePage}, with no web.xml line. */
@WebServlet("/page-cache/annotated")
@CachePage(timeout = 20)
public class AnnotatedPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<title>@CachePage</title></head><body>");
        out.println("<h1>@CachePage(timeout = 20)</h1>");
        out.println("<p>Rendered at <span id=\"rendered-at\">" + Instant.now() + "</span>. Reload: the time stays"
                + " the same for 20 seconds, and the <code>Age</code> response header grows.</p>");
        out.println("<p><a href=\"" + request.getContextPath()
                + "/page-cache/index.jsp\">The filter pair's page</a></p>");
        out.println("</body></html>");
    }
}
