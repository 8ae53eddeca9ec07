package dev.webcache.filter.privacy;

import dev.webcache.page.PageServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * A page the way a plain web application writes one: it greets the logged-in user by name (from the session, else
 * the principal) without saying anything about caching. Body: {@code page=<uri> render=<n> user=<name>
 * lang=<Accept-Language>}; {@code ?who=no} leaves the user out, {@code cc} sets Cache-Control, {@code vary} Vary.
 * Renders are counted with {@link PageServlet}'s.
 */
public class UserPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(request, response);
    }

    /** Writes the page; shared with the {@code @CachePage} servlet of the privacy tests. */
    public static void render(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        long render = PageServlet.countRender(request);
        if (request.getParameter("cc") != null) {
            response.setHeader("Cache-Control", request.getParameter("cc"));
        }
        if (request.getParameter("vary") != null) {
            response.setHeader("Vary", request.getParameter("vary"));
        }
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder body = new StringBuilder("page=").append(url).append(" render=").append(render);
        if (!"no".equals(request.getParameter("who"))) {
            body.append(" user=").append(user(request));
        }
        body.append(" lang=").append(request.getHeader("Accept-Language"));
        response.getWriter().print(body);
    }

    private static String user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute("user") != null) {
            return (String) session.getAttribute("user");
        }
        Principal principal = request.getUserPrincipal();
        return principal == null ? "guest" : principal.getName();
    }
}
