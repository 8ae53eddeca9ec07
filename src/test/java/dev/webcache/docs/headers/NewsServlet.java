package dev.webcache.docs.headers;

import dev.webcache.annotation.CacheControl;
import dev.webcache.annotation.NeverCache;
import dev.webcache.annotation.VaryOnHeaders;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

// doc:header-annotations
@WebServlet("/news")
@CacheControl(maxAge = 3600, isPublic = true)          // Cache-Control: max-age=3600, public
@VaryOnHeaders("Accept-Language")                      // Vary: Accept-Language
public class NewsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("news");
    }

    @Override
    @NeverCache                                        // this method wins over the class's @CacheControl
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("posted");
    }
}
// end:header-annotations
