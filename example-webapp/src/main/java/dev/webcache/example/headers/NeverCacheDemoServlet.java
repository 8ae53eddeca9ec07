package dev.webcache.example.headers;

import dev.webcache.annotation.NeverCache;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/** {@code @NeverCache} on {@code doGet}: a page that must be fetched again every time. */
@WebServlet("/headers/never-cache")
public class NeverCacheDemoServlet extends HttpServlet {
    @Override
    @NeverCache
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeaderDemoPage.write(request, response, "@NeverCache", "@NeverCache (on doGet)",
                "Browsers and proxies must not keep this page: it is rendered anew each time, now at "
                        + Instant.now() + ".");
    }
}
