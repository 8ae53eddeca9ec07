package dev.webcache.filter.privacy;

import dev.webcache.annotation.CachePage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The same personal page under {@code @CachePage}, with no web.xml line. */
@WebServlet("/annotated/*")
@CachePage(timeout = 60)
public class AnnotatedUserServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserPageServlet.render(request, response);
    }
}
