package dev.webcache.filter.privacy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Form login reduced to its effect: {@code /login?user=alice} puts alice in a new HTTP session. */
public class LoginServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession(true).setAttribute("user", request.getParameter("user"));
        response.setContentType("text/plain");
        response.getWriter().print("logged in as " + request.getParameter("user"));
    }
}
