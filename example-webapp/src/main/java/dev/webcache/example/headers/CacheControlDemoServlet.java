package dev.webcache.example.headers;

import dev.webcache.annotation.CacheControl;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code @CacheControl}: the servlet says {@code private, max-age=600} itself, the annotation asks for
 * {@code max-age=60, public}; the merge gives {@code max-age=60, public} (the lower max-age, public replaces private).
 */
@WebServlet("/headers/cache-control")
@CacheControl(maxAge = 60, isPublic = true)
public class CacheControlDemoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "private, max-age=600");
        HeaderDemoPage.write(request, response, "@CacheControl", "@CacheControl(maxAge = 60, isPublic = true)",
                "The servlet set <code>Cache-Control: private, max-age=600</code>; the annotation merged "
                        + "<code>max-age=60, public</code> into it. Rendered at " + Instant.now() + ".");
    }
}
