package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Declared by {@code @WebServlet}, annotated on the class; sets its own Cache-Control and reads it back. */
@WebServlet("/scanned")
@CacheControl(maxAge = 300, isPublic = true)
public class ScannedServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "max-age=600, private, no-transform");
        response.setContentType("text/plain");
        if (request.getParameter("big") != null) {
            Bodies.writeBytes(response, Bodies.MIB);
            // committed by now: the container ignores this, and so does the patch
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        response.getWriter().print("own=" + response.getHeader("Cache-Control"));
    }
}
